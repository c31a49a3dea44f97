package dev.berth.bench.inprocess;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

/**
 * The DJL limit for one TorchScript model without HTTP: for each thread count and batch
 * size, every thread runs forward passes back to back on its own Predictor, feeding one
 * direct buffer that it reuses (as ml-service does), for a warm-up and then a measured
 * period. Prints one line per point: {@code RESULT {json}}, which benchmarks/run.sh
 * collects.
 *
 * <pre>
 * java -jar berth-bench-djl-inprocess.jar --model model.pt [--batches 1,8,32,128] [--threads 1,2]
 *      [--warmup-seconds 3] [--seconds 5] [--image-shape 1,28,28]
 * </pre>
 */
public final class InProcessBenchmark {

	// Slack over the planned phase before a thread gives up waiting for the others (one
	// of them failed).
	private static final long BARRIER_TIMEOUT_SECONDS = 60;

	private InProcessBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		// Before DJL's first logger exists: its INFO lines are noise here.
		System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
		// A CPU-only build: DJL's failed probe for a CUDA driver is expected (as in
		// ml-service's config).
		System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
		// Same engine settings as ml-service unless the caller chose otherwise (-D...).
		setIfAbsent("ai.djl.offline", "true");
		setIfAbsent("ai.djl.pytorch.num_threads", "1");
		setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
		setIfAbsent("ai.djl.pytorch.graph_optimizer", "false");

		Options options = Options.parse(args);
		Path modelFile = options.model;
		if (!Files.isRegularFile(modelFile)) {
			throw new IllegalArgumentException("model file not found: " + modelFile);
		}
		try (Model model = Model.newInstance("bench", Device.cpu(), "PyTorch")) {
			model.load(modelFile.getParent(), modelFile.getFileName().toString());
			System.out.printf(Locale.ROOT,
					"# model %s, PyTorch threads intra-op %s / inter-op %s, graph optimizer %s," + " Java %s%n",
					modelFile, System.getProperty("ai.djl.pytorch.num_threads"),
					System.getProperty("ai.djl.pytorch.num_interop_threads"),
					System.getProperty("ai.djl.pytorch.graph_optimizer"), Runtime.version());
			for (int threads : options.threads) {
				for (int batch : options.batches) {
					Point point = run(model, options, threads, batch);
					System.out.println("RESULT " + point.json());
				}
			}
		}
	}

	private static Point run(Model model, Options options, int threads, int batch) throws Exception {
		long[] shape = new long[options.imageShape.length + 1];
		shape[0] = batch;
		System.arraycopy(options.imageShape, 0, shape, 1, options.imageShape.length);
		CyclicBarrier start = new CyclicBarrier(threads + 1);
		CyclicBarrier measureStart = new CyclicBarrier(threads + 1);
		CyclicBarrier measureEnd = new CyclicBarrier(threads + 1);
		List<Worker> workers = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			Worker worker = new Worker(model, shape, options, start, measureStart, measureEnd, i);
			workers.add(worker);
			worker.thread.start();
		}
		long wall;
		long cpu;
		double machinePercent;
		try {
			start.await(BARRIER_TIMEOUT_SECONDS + options.warmupSeconds, TimeUnit.SECONDS);
			measureStart.await(BARRIER_TIMEOUT_SECONDS + options.warmupSeconds, TimeUnit.SECONDS);
			long cpuBefore = processCpuNanos();
			long[] machineBefore = machineTicks();
			long wallBefore = System.nanoTime();
			measureEnd.await(BARRIER_TIMEOUT_SECONDS + options.seconds, TimeUnit.SECONDS);
			wall = System.nanoTime() - wallBefore;
			cpu = processCpuNanos() - cpuBefore;
			long[] machineAfter = machineTicks();
			long total = machineAfter[1] - machineBefore[1];
			machinePercent = total > 0
					? 100.0 * Runtime.getRuntime().availableProcessors() * (machineAfter[0] - machineBefore[0]) / total
					: Double.NaN;
		}
		finally {
			for (Worker worker : workers) {
				worker.thread.join();
			}
			for (Worker worker : workers) {
				if (worker.failure != null) {
					throw new IllegalStateException(
							"%d threads, batch %d: %s".formatted(threads, batch, worker.failure), worker.failure);
				}
			}
		}
		long calls = 0;
		long[] all = new long[0];
		for (Worker worker : workers) {
			long[] mine = Arrays.copyOf(worker.latencies, worker.count);
			long[] merged = Arrays.copyOf(all, all.length + mine.length);
			System.arraycopy(mine, 0, merged, all.length, mine.length);
			all = merged;
			calls += worker.count;
		}
		Arrays.sort(all);
		double seconds = wall / 1e9;
		return new Point(threads, batch, calls / seconds * batch, calls / seconds, percentile(all, 0.50) / 1e6,
				percentile(all, 0.99) / 1e6, 100.0 * cpu / wall, machinePercent - 100.0 * cpu / wall, peakRssMb());
	}

	/** One thread: its own Predictor and its own reused direct input buffer. */
	private static final class Worker implements Runnable {

		final Thread thread;

		long[] latencies = new long[1 << 16];

		int count;

		volatile Throwable failure;

		private final Model model;

		private final long[] shape;

		private final Options options;

		private final CyclicBarrier start;

		private final CyclicBarrier measureStart;

		private final CyclicBarrier measureEnd;

		private final int index;

		Worker(Model model, long[] shape, Options options, CyclicBarrier start, CyclicBarrier measureStart,
				CyclicBarrier measureEnd, int index) {
			this.model = model;
			this.shape = shape;
			this.options = options;
			this.start = start;
			this.measureStart = measureStart;
			this.measureEnd = measureEnd;
			this.index = index;
			this.thread = new Thread(this, "bench-" + index);
		}

		@Override
		public void run() {
			int elements = Math.toIntExact(Arrays.stream(shape).reduce(1, (a, b) -> a * b));
			ByteBuffer input = ByteBuffer.allocateDirect(elements * Float.BYTES).order(ByteOrder.nativeOrder());
			Random random = new Random(20261128L + index);
			for (int i = 0; i < elements; i++) {
				input.putFloat(random.nextFloat());
			}
			input.rewind();
			try (Predictor<ByteBuffer, float[]> predictor = model
				.newPredictor(new BufferTranslator(new Shape(shape)))) {
				start.await(BARRIER_TIMEOUT_SECONDS + options.warmupSeconds, TimeUnit.SECONDS);
				long warmupEnd = System.nanoTime() + options.warmupSeconds * 1_000_000_000L;
				while (System.nanoTime() < warmupEnd) {
					predictor.predict(input);
				}
				measureStart.await(BARRIER_TIMEOUT_SECONDS + options.warmupSeconds, TimeUnit.SECONDS);
				long end = System.nanoTime() + options.seconds * 1_000_000_000L;
				float checksum = 0;
				long now = System.nanoTime();
				while (now < end) {
					float[] out = predictor.predict(input);
					long after = System.nanoTime();
					checksum += out[0];
					if (count == latencies.length) {
						latencies = Arrays.copyOf(latencies, count * 2);
					}
					latencies[count++] = after - now;
					now = after;
				}
				if (Float.isNaN(checksum)) {
					throw new IllegalStateException("the model returned NaN");
				}
				measureEnd.await(BARRIER_TIMEOUT_SECONDS + options.seconds, TimeUnit.SECONDS);
			}
			catch (Throwable e) {
				failure = e;
				// The others stop at their next barrier: every wait is timed.
			}
		}

	}

	/**
	 * The same feed as ml-service: a direct buffer in native order becomes the input
	 * tensor without a copy in Java.
	 */
	private static final class BufferTranslator implements NoBatchifyTranslator<ByteBuffer, float[]> {

		private final Shape shape;

		BufferTranslator(Shape shape) {
			this.shape = shape;
		}

		@Override
		public NDList processInput(TranslatorContext ctx, ByteBuffer input) {
			input.rewind();
			NDArray array = ctx.getNDManager().create(input, shape, DataType.FLOAT32);
			return new NDList(array);
		}

		@Override
		public float[] processOutput(TranslatorContext ctx, NDList list) {
			return list.singletonOrThrow().toFloatArray();
		}

	}

	/**
	 * otherCpuPercent: what the rest of the machine used meanwhile (100 = one core), the
	 * noise in this point.
	 */
	private record Point(int threads, int batch, double imagesPerSecond, double callsPerSecond, double p50Millis,
			double p99Millis, double cpuPercent, double otherCpuPercent, double peakRssMb) {

		String json() {
			return String.format(Locale.ROOT, "{\"threads\":%d,\"batch\":%d,\"images_per_s\":%.1f,\"calls_per_s\":%.1f,"
					+ "\"p50_ms\":%.4f,\"p99_ms\":%.4f,\"cpu_pct\":%.1f,\"other_cpu_pct\":%s,\"peak_rss_mb\":%.1f}",
					threads, batch, imagesPerSecond, callsPerSecond, p50Millis, p99Millis, cpuPercent,
					Double.isNaN(otherCpuPercent) ? "null" : String.format(Locale.ROOT, "%.1f", otherCpuPercent),
					peakRssMb);
		}
	}

	private static long percentile(long[] sorted, double p) {
		if (sorted.length == 0) {
			return 0;
		}
		int index = (int) Math.ceil(p * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	private static long processCpuNanos() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return os.getProcessCpuTime();
		}
		return 0;
	}

	/**
	 * Busy and total CPU ticks of the whole machine, all cores, from /proc/stat (Linux);
	 * zeros elsewhere.
	 */
	private static long[] machineTicks() {
		try {
			String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long total = 0;
			for (int i = 1; i < fields.length && i <= 8; i++) {
				total += Long.parseLong(fields[i]);
			}
			long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
			return new long[] { total - idle, total };
		}
		catch (IOException | RuntimeException e) {
			return new long[] { 0, 0 };
		}
	}

	/** VmHWM of this process since it started (Linux), in MB; -1 elsewhere. */
	private static double peakRssMb() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("VmHWM:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
				}
			}
		}
		catch (IOException | RuntimeException e) {
			// Not Linux: no peak RSS to report.
		}
		return -1;
	}

	private static void setIfAbsent(String key, String value) {
		if (System.getProperty(key) == null) {
			System.setProperty(key, value);
		}
	}

	private static final class Options {

		Path model;

		int[] batches = { 1, 8, 32, 128 };

		int[] threads = { 1, 2 };

		long warmupSeconds = 3;

		long seconds = 5;

		long[] imageShape = { 1, 28, 28 };

		static Options parse(String[] args) {
			Options options = new Options();
			for (int i = 0; i < args.length; i++) {
				String value = i + 1 < args.length ? args[i + 1] : null;
				switch (args[i]) {
					case "--model" -> options.model = Path.of(require(args[i], value));
					case "--batches" -> options.batches = ints(require(args[i], value));
					case "--threads" -> options.threads = ints(require(args[i], value));
					case "--warmup-seconds" -> options.warmupSeconds = Long.parseLong(require(args[i], value));
					case "--seconds" -> options.seconds = Long.parseLong(require(args[i], value));
					case "--image-shape" ->
						options.imageShape = Arrays.stream(ints(require(args[i], value))).asLongStream().toArray();
					default -> throw new IllegalArgumentException("unknown option " + args[i]);
				}
				i++;
			}
			if (options.model == null) {
				throw new IllegalArgumentException("--model <path to model.pt> is required");
			}
			return options;
		}

		private static String require(String option, String value) {
			if (value == null) {
				throw new IllegalArgumentException(option + " needs a value");
			}
			return value;
		}

		private static int[] ints(String csv) {
			return Arrays.stream(csv.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
		}

	}

}
