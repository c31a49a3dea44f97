package dev.berth.ml.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.berth.ml.MnistSample;
import dev.berth.ml.inference.InferenceProperties;
import dev.berth.ml.inference.ModelBusyException;
import dev.berth.ml.inference.ModelLoadException;
import dev.berth.ml.inference.PyTorchEngine;
import dev.berth.ml.inference.TorchScriptModel;
import dev.berth.ml.inference.TorchScriptModelLoader;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The dynamic batcher on the shipped mnist model with real DJL + libtorch, without Spring
 * or HTTP. Each test is named after the guarantee of the hand-off protocol it holds (see
 * the package documentation). No assertion depends on timing: tests that need requests to
 * sit in the queue hold them there with a long max queue delay and wait until the queue
 * gauge shows them.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DynamicBatcherIT {

	static final Duration HOLD = Duration.ofMinutes(1);

	static InferenceProperties properties;
	static TorchScriptModelLoader loader;
	static MnistSample sample;

	SimpleMeterRegistry registry;

	DynamicBatching batching;

	List<TorchScriptModel> models = new ArrayList<>();

	ExecutorService threads;

	@BeforeAll
	static void engine() {
		properties = new InferenceProperties(1, 1, 2, Duration.ofSeconds(30), 1, false);
		loader = new TorchScriptModelLoader(new PyTorchEngine(properties), properties);
		sample = MnistSample.load();
	}

	@BeforeEach
	void setUp() {
		registry = new SimpleMeterRegistry();
		batching = new DynamicBatching(new BatchingProperties(true, 32, Duration.ZERO, 128), properties, registry);
		threads = Executors.newFixedThreadPool(16);
	}

	@AfterEach
	void tearDown() {
		threads.shutdownNow();
		models.forEach(TorchScriptModel::close);
	}

	@Test
	void everyRequestGetsExactlyItsOwnRowsHoweverItIsStacked() throws Exception {
		TorchScriptModel model = load(batching.forModel(true, 32, Duration.ZERO, 128));

		// Each client checks every row it gets back against the digit's logits alone.
		classifyConcurrently(model, 16, 60, classifyOneByOne(model));

		assertThat(registry.get(BatcherMetrics.BATCH_REQUESTS).summary().max())
			.as("requests stacked into one forward pass")
			.isGreaterThan(1);
	}

	@Test
	void overlappingRequestsShareForwardPassesOfAtMostTheMaxBatchSize() throws Exception {
		TorchScriptModel model = load(batching.forModel(true, 32, Duration.ZERO, 128));
		float[][] alone = classifyOneByOne(model);
		long passesBefore = forwardPasses();

		classifyConcurrently(model, 16, 60, alone);

		assertThat(forwardPasses() - passesBefore).as("forward passes for %d requests", 16 * 60).isLessThan(16L * 60);
		assertThat(registry.get(BatcherMetrics.BATCH_SIZE).summary().max()).as("rows per forward pass")
			.isLessThanOrEqualTo(32);
	}

	@Test
	void aRequestNeverWaitsWhileAPredictorIsIdle() throws Exception {
		// One request per forward pass: every queued request is served only because a
		// finishing thread woke it or ran it. One left asleep beside an idle predictor
		// would
		// wait out the predictor wait and be refused.
		TorchScriptModel model = load(batching.forModel(true, 1, Duration.ZERO, 128));

		classifyConcurrently(model, 16, 25, classifyOneByOne(model));

		assertThat(registry.find(BatcherMetrics.QUEUE_REJECTED).counters()).as("requests refused").isEmpty();
		assertThat(registry.get(BatcherMetrics.BATCH_REQUESTS).summary().max()).isEqualTo(1);
	}

	@Test
	void withBatchingOffEveryForwardPassRunsOneRequest() throws Exception {
		TorchScriptModel model = load(batching.forModel(false, null, null, null));
		float[][] alone = classifyOneByOne(model);

		List<Future<?>> clients = new ArrayList<>();
		for (int client = 0; client < 8; client++) {
			int offset = client;
			clients.add(threads.submit(() -> {
				for (int i = offset; i < sample.size(); i += 8) {
					float[] logits = (float[]) model.infer(List.of(sample.tensor(i, i + 1))).get(0).data();
					assertThat(logits).containsExactly(alone[i], org.assertj.core.data.Offset.offset(1e-4f));
				}
				return null;
			}));
		}
		for (Future<?> client : clients) {
			client.get();
		}
		assertThat(registry.get(BatcherMetrics.BATCH_REQUESTS).summary().max()).isEqualTo(1);
	}

	@Test
	void aFullQueueRefusesAtOnceAndTheModelKeepsServing() throws Exception {
		TorchScriptModel model = load(batching.forModel(true, 64, HOLD, 3));
		List<CompletableFuture<Integer>> held = holdInQueue(model, 3);

		assertThatThrownBy(() -> model.infer(List.of(sample.tensor(3, 3 + 1)))).isInstanceOf(ModelBusyException.class)
			.hasMessage("model 'mnist/1' is overloaded: 3 requests are already waiting");
		assertThat(registry.get(BatcherMetrics.QUEUE_REJECTED).tag("reason", "queue_full").counter().count())
			.isEqualTo(1);

		batching.stop();
		for (int i = 0; i < 3; i++) {
			assertThat(held.get(i).get()).isEqualTo(sample.pythonPredictions().get(i));
		}
		assertThat(classify(model, 4)).isEqualTo(sample.pythonPredictions().get(4));
	}

	@Test
	void closingAnswersEveryQueuedRequestThenRefusesNewOnes() throws Exception {
		TorchScriptModel model = load(batching.forModel(true, 64, HOLD, 128));
		List<CompletableFuture<Integer>> queued = holdInQueue(model, 5);

		model.close();

		for (int i = 0; i < 5; i++) {
			assertThat(queued.get(i).get()).as("queued request %d", i).isEqualTo(sample.pythonPredictions().get(i));
		}
		assertThatThrownBy(() -> model.infer(List.of(sample.tensor(0, 0 + 1)))).isInstanceOf(ModelBusyException.class)
			.hasMessage("model 'mnist/1' is shutting down");
		assertThat(registry.find(BatcherMetrics.QUEUE_SIZE).gauge()).as("meters of a closed version").isNull();
	}

	@Test
	void aHeldBatchGoesAsSoonAsItIsFull() throws Exception {
		TorchScriptModel model = load(batching.forModel(true, 4, HOLD, 128));
		List<CompletableFuture<Integer>> requests = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			requests.add(classifyAsync(model, i));
		}
		for (int i = 0; i < 4; i++) {
			assertThat(requests.get(i).get()).isEqualTo(sample.pythonPredictions().get(i));
		}
		assertThat(registry.get(BatcherMetrics.BATCH_SIZE).summary().max()).isEqualTo(4);
	}

	private TorchScriptModel load(dev.berth.ml.inference.InferenceSchedulerFactory scheduling)
			throws ModelLoadException {
		TorchScriptModel model = loader.load("mnist/1", MnistSample.MODEL_FILE, MnistSample.SIGNATURE, scheduling);
		models.add(model);
		return model;
	}

	/**
	 * Clients sending requests of 1 to 5 digits at once, each checking that every row it
	 * gets back equals that digit's logits from a forward pass of its own.
	 */
	private void classifyConcurrently(TorchScriptModel model, int clients, int requestsPerClient, float[][] alone)
			throws Exception {
		List<Future<?>> running = new ArrayList<>();
		for (int client = 0; client < clients; client++) {
			Random random = new Random(client);
			running.add(threads.submit(() -> {
				for (int i = 0; i < requestsPerClient; i++) {
					int rows = 1 + random.nextInt(5);
					int first = random.nextInt(sample.size() - rows);
					float[] logits = (float[]) model.infer(List.of(sample.tensor(first, first + rows))).get(0).data();
					assertThat(logits).hasSize(rows * 10);
					for (int row = 0; row < rows; row++) {
						assertThat(java.util.Arrays.copyOfRange(logits, row * 10, row * 10 + 10))
							.as("row %d of a request for digits %d..%d", row, first, first + rows - 1)
							.containsExactly(alone[first + row], org.assertj.core.data.Offset.offset(1e-4f));
					}
				}
				return null;
			}));
		}
		for (Future<?> client : running) {
			client.get();
		}
	}

	/** Each held-out digit's logits from a forward pass of its own. */
	private static float[][] classifyOneByOne(TorchScriptModel model) {
		float[][] logits = new float[sample.size()][];
		for (int i = 0; i < sample.size(); i++) {
			logits[i] = (float[]) model.infer(List.of(sample.tensor(i, i + 1))).get(0).data();
		}
		return logits;
	}

	private CompletableFuture<Integer> classifyAsync(TorchScriptModel model, int index) {
		return CompletableFuture.supplyAsync(() -> classify(model, index), threads);
	}

	private static int classify(TorchScriptModel model, int index) {
		return MnistSample.argmax((float[]) model.infer(List.of(sample.tensor(index, index + 1))).get(0).data(), 0);
	}

	/**
	 * Sends digits 0 to count - 1 from their own threads and returns once all wait in the
	 * queue, held there by the model's long max queue delay.
	 */
	private List<CompletableFuture<Integer>> holdInQueue(TorchScriptModel model, int count) {
		List<CompletableFuture<Integer>> held = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			held.add(classifyAsync(model, i));
		}
		Gauge queue = registry.get(BatcherMetrics.QUEUE_SIZE).gauge();
		await(count + " requests queued").atMost(Duration.ofMinutes(1)).until(() -> queue.value() >= count);
		return held;
	}

	private long forwardPasses() {
		return registry.find(BatcherMetrics.BATCH_SIZE).summaries().stream().mapToLong(s -> s.count()).sum();
	}

}
