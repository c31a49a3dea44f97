package dev.berth.ml.batching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import dev.berth.ml.inference.InferenceFailedException;
import dev.berth.ml.inference.InferenceScheduler;
import dev.berth.ml.inference.ModelBusyException;
import dev.berth.ml.inference.ModelSignature;
import dev.berth.ml.inference.PredictorSlot;
import dev.berth.ml.inference.Tensor;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Gathers concurrent requests to one model version into one forward pass.
 *
 * <p>
 * There are no worker threads. A request joins the queue and, if a predictor is free, its
 * own thread takes the predictor and runs a batch of whatever is queued (itself
 * included), then hands the others their rows. If no predictor is free it sleeps until a
 * running batch has served it or a finishing thread wakes it to lead the next batch. So a
 * request to an idle server costs a queue hop, not a thread hand-off, and an idle server
 * has no thread awake: the prototype with worker threads was slower than a plain
 * predictor-per-request server at one client and burnt CPU waiting.
 *
 * <p>
 * Each predictor is used by one thread at a time (DJL predictors are not thread-safe):
 * only the thread holding a predictor, taken from {@code idle}, runs it.
 */
public final class DynamicBatcher implements InferenceScheduler {

	// How often close() looks for predictors still running a batch: only while shutting
	// down.
	private static final long CLOSE_POLL_NANOS = 200_000;

	private final String name;

	private final BatchingPolicy policy;

	private final boolean stacks;

	private final int predictorCount;

	private final ConcurrentLinkedQueue<PredictorSlot> idle;

	private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();

	// Requests admitted whose forward pass has not started: the bounded queue's fill
	// level.
	private final AtomicInteger waiting = new AtomicInteger();

	// Taking requests off the queue's head is serialised: a batch is then a contiguous,
	// FIFO run.
	private final ReentrantLock drain = new ReentrantLock();

	// The thread holding back a batch for more requests (max queue delay > 0); arrivals
	// wake it.
	private final AtomicReference<Thread> collector = new AtomicReference<>();

	private final BatcherMetrics metrics;

	private final Consumer<DynamicBatcher> onClose;

	private volatile boolean flushing;

	private volatile boolean closed;

	private volatile boolean finished;

	DynamicBatcher(String name, ModelSignature signature, List<PredictorSlot> predictors, BatchingPolicy policy,
			MeterRegistry registry, Consumer<DynamicBatcher> onClose) {
		if (predictors.isEmpty()) {
			throw new IllegalArgumentException("a batcher needs at least one predictor");
		}
		this.name = name;
		this.policy = policy;
		// Stacking needs a batch dimension; a model without one (max_batch_size 0) runs
		// requests one by one.
		this.stacks = policy.enabled() && signature.maxBatchSize() > 0;
		this.predictorCount = predictors.size();
		this.idle = new ConcurrentLinkedQueue<>(predictors);
		int slash = name.lastIndexOf('/');
		this.metrics = new BatcherMetrics(registry, slash < 0 ? name : name.substring(0, slash),
				slash < 0 ? "" : name.substring(slash + 1), waiting::get);
		this.onClose = onClose;
	}

	public BatchingPolicy policy() {
		return policy;
	}

	/** Whether requests are stacked into shared forward passes. */
	public boolean batches() {
		return stacks;
	}

	@Override
	public List<Tensor> infer(List<Tensor> orderedInputs) {
		if (closed) {
			throw refused("shutting_down", "model '%s' is shutting down".formatted(name));
		}
		Pending request = new Pending(orderedInputs, stacks, Thread.currentThread());
		if (waiting.incrementAndGet() > policy.maxQueueSize()) {
			waiting.decrementAndGet();
			throw refused("queue_full",
					"model '%s' is overloaded: %d requests are already waiting".formatted(name, policy.maxQueueSize()));
		}
		queue.offer(request);
		Thread gathering = collector.get();
		if (gathering != null) {
			LockSupport.unpark(gathering);
		}
		return await(request);
	}

	/**
	 * Stops holding batches back for more requests: runs what is queued as soon as a
	 * predictor is free.
	 */
	void flush() {
		flushing = true;
		Thread gathering = collector.get();
		if (gathering != null) {
			LockSupport.unpark(gathering);
		}
	}

	/**
	 * Refuses new requests, runs every request already queued (this thread helps), and
	 * returns once no forward pass runs any more, holding all predictors, so the model
	 * can close them.
	 */
	@Override
	public void close() {
		if (closed) {
			return;
		}
		closed = true;
		flush();
		List<PredictorSlot> held = new ArrayList<>(predictorCount);
		while (held.size() < predictorCount) {
			PredictorSlot slot = idle.poll();
			if (slot == null) {
				LockSupport.parkNanos(this, CLOSE_POLL_NANOS);
				continue;
			}
			held.add(slot);
			serveQueue(slot);
		}
		// A request admitted just before 'closed' was set may have queued since: serve it
		// too. One
		// queued after this sees 'finished' and refuses itself (see await).
		finished = true;
		serveQueue(held.get(0));
		metrics.remove();
		onClose.accept(this);
	}

	private List<Tensor> await(Pending request) {
		long deadline = request.enqueued + policy.maxWait().toNanos();
		boolean interrupted = false;
		try {
			while (true) {
				int state = request.state;
				if (state == Pending.DONE) {
					return request.result();
				}
				if (state == Pending.QUEUED) {
					PredictorSlot slot = idle.poll();
					if (slot != null) {
						lead(slot, request);
						continue;
					}
					if (finished && cancel(request)) {
						throw refused("shutting_down", "model '%s' is shutting down".formatted(name));
					}
					long remaining = deadline - System.nanoTime();
					if (remaining <= 0) {
						if (cancel(request)) {
							throw refused("timeout",
									"model '%s' is busy: the request waited %d ms without a forward pass"
										.formatted(name, policy.maxWait().toMillis()));
						}
						continue;
					}
					// Woken by a batch that served this request, or by a thread that left
					// a predictor free.
					LockSupport.parkNanos(this, remaining);
				}
				else {
					// In a running forward pass: its thread wakes this one when the rows
					// are ready.
					LockSupport.park(this);
				}
				if (Thread.interrupted()) {
					// Finish anyway: a forward pass cannot be abandoned halfway, and the
					// answer is near.
					interrupted = true;
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Runs batches on {@code slot} until this thread's own request has been taken into
	 * one.
	 */
	private void lead(PredictorSlot slot, Pending own) {
		own.leading = true;
		try {
			while (own.state == Pending.QUEUED) {
				List<Pending> batch = takeBatch();
				if (batch.isEmpty()) {
					break;
				}
				if (!queue.isEmpty()) {
					// More is queued than this batch takes: a second free predictor can
					// start on it now.
					wakeSuccessor();
				}
				run(slot, batch);
			}
		}
		finally {
			own.leading = false;
			idle.offer(slot);
			wakeSuccessor();
		}
	}

	private void serveQueue(PredictorSlot slot) {
		for (List<Pending> batch = takeBatch(); !batch.isEmpty(); batch = takeBatch()) {
			run(slot, batch);
		}
	}

	/**
	 * If a predictor is free, wakes the thread of the oldest queued request that is not
	 * already leading, to take the predictor and run the next batch. Called whenever a
	 * predictor is put back, so a queued request never sleeps beside a free predictor.
	 */
	private void wakeSuccessor() {
		if (idle.isEmpty()) {
			return;
		}
		for (Pending pending : queue) {
			if (pending.state == Pending.QUEUED && !pending.leading) {
				LockSupport.unpark(pending.thread);
				return;
			}
		}
	}

	/**
	 * Takes the next batch off the head of the queue: the oldest request, then the ones
	 * behind it while they fit within the max batch size and have the same non-batch
	 * dimensions. With a max queue delay it waits for more requests until the oldest has
	 * waited that long.
	 */
	private List<Pending> takeBatch() {
		drain.lock();
		try {
			Pending first = takeHead(null);
			if (first == null) {
				return List.of();
			}
			if (!stacks) {
				return List.of(first);
			}
			List<Pending> batch = new ArrayList<>();
			batch.add(first);
			long rows = first.rows;
			long deadline = first.enqueued + policy.maxQueueDelay().toNanos();
			while (rows < policy.maxBatchSize()) {
				Pending next = queue.peek();
				if (next == null) {
					if (waitForMore(deadline)) {
						continue;
					}
					break;
				}
				if (rows + next.rows > policy.maxBatchSize() || !first.stacksWith(next)) {
					break;
				}
				Pending taken = takeHead(next);
				if (taken != null) {
					batch.add(taken);
					rows += taken.rows;
				}
			}
			return batch;
		}
		finally {
			drain.unlock();
		}
	}

	/**
	 * Polls the queue's head, skipping cancelled requests, and marks it taken. Only the
	 * drain lock's holder removes from the head, so {@code expected}, when given, is what
	 * a peek just saw.
	 */
	private Pending takeHead(Pending expected) {
		while (true) {
			Pending head = queue.poll();
			if (head == null) {
				return null;
			}
			if (head.take()) {
				return head;
			}
			if (expected != null) {
				// 'expected' was cancelled between the peek and now; the caller looks
				// again.
				return null;
			}
		}
	}

	/**
	 * Sleeps until a request arrives or the deadline passes; false when the batch must go
	 * now.
	 */
	private boolean waitForMore(long deadline) {
		long remaining = deadline - System.nanoTime();
		if (remaining <= 0 || flushing) {
			return false;
		}
		collector.set(Thread.currentThread());
		try {
			// Checked after registering, so an arrival between the peek above and here is
			// not missed.
			if (queue.peek() == null && !flushing) {
				LockSupport.parkNanos(this, remaining);
			}
		}
		finally {
			collector.set(null);
		}
		return true;
	}

	/**
	 * Runs one batch and completes every request in it, whatever happens: their threads
	 * wait for that.
	 */
	private void run(PredictorSlot slot, List<Pending> batch) {
		long started = System.nanoTime();
		waiting.addAndGet(-batch.size());
		try {
			List<List<Tensor>> inputs = new ArrayList<>(batch.size());
			int rows = 0;
			for (Pending pending : batch) {
				metrics.queued(started - pending.enqueued);
				inputs.add(pending.inputs);
				rows += (int) pending.rows;
			}
			List<List<Tensor>> outputs = slot.run(inputs);
			metrics.forwardPass(rows, batch.size(), System.nanoTime() - started);
			for (int i = 0; i < batch.size(); i++) {
				batch.get(i).complete(outputs.get(i), null);
			}
		}
		catch (InferenceFailedException e) {
			if (batch.size() == 1) {
				batch.get(0).complete(null, e);
			}
			else {
				// One request's values may have broken the pass: rerun each alone, so
				// only that one fails.
				batch.forEach(pending -> runAlone(slot, pending));
			}
		}
		catch (RuntimeException | Error e) {
			for (Pending pending : batch) {
				if (pending.state != Pending.DONE) {
					pending.complete(null, e);
				}
			}
		}
	}

	private void runAlone(PredictorSlot slot, Pending pending) {
		long started = System.nanoTime();
		try {
			List<Tensor> outputs = slot.runOne(pending.inputs);
			metrics.forwardPass((int) pending.rows, 1, System.nanoTime() - started);
			pending.complete(outputs, null);
		}
		catch (RuntimeException | Error e) {
			pending.complete(null, e);
		}
	}

	/** Withdraws a queued request; false when a batch has taken it meanwhile. */
	private boolean cancel(Pending request) {
		if (!request.cancel()) {
			return false;
		}
		waiting.decrementAndGet();
		drain.lock();
		try {
			queue.remove(request);
		}
		finally {
			drain.unlock();
		}
		// This thread may have been woken to lead: pass that on.
		wakeSuccessor();
		return true;
	}

	private ModelBusyException refused(String reason, String message) {
		if (!finished) {
			// Once closed, this version's meters are gone; counting would bring them
			// back.
			metrics.rejected(reason);
		}
		return new ModelBusyException(message);
	}

	/** One request on its way through the batcher. */
	private static final class Pending {

		static final int QUEUED = 0;
		static final int TAKEN = 1;
		static final int DONE = 2;
		static final int CANCELLED = 3;

		private static final java.lang.invoke.VarHandle STATE;

		static {
			try {
				STATE = java.lang.invoke.MethodHandles.lookup().findVarHandle(Pending.class, "state", int.class);
			}
			catch (ReflectiveOperationException e) {
				throw new ExceptionInInitializerError(e);
			}
		}

		final List<Tensor> inputs;

		final long rows;

		final Thread thread;

		final long enqueued = System.nanoTime();

		// Shapes without the batch dimension: requests stack only when these agree.
		private final long[][] rowShapes;

		volatile int state = QUEUED;

		// Set while this request's thread holds a predictor, so it is not woken to take
		// another.
		volatile boolean leading;

		private List<Tensor> outputs;

		private Throwable error;

		Pending(List<Tensor> inputs, boolean stacks, Thread thread) {
			this.inputs = inputs;
			this.thread = thread;
			if (stacks) {
				this.rows = inputs.get(0).shape()[0];
				this.rowShapes = new long[inputs.size()][];
				for (int i = 0; i < inputs.size(); i++) {
					long[] shape = inputs.get(i).shape();
					rowShapes[i] = Arrays.copyOfRange(shape, 1, shape.length);
				}
			}
			else {
				this.rows = 1;
				this.rowShapes = null;
			}
		}

		boolean take() {
			return STATE.compareAndSet(this, QUEUED, TAKEN);
		}

		boolean cancel() {
			return STATE.compareAndSet(this, QUEUED, CANCELLED);
		}

		boolean stacksWith(Pending other) {
			return Arrays.deepEquals(rowShapes, other.rowShapes);
		}

		void complete(List<Tensor> outputs, Throwable error) {
			this.outputs = outputs;
			this.error = error;
			state = DONE;
			if (thread != Thread.currentThread()) {
				LockSupport.unpark(thread);
			}
		}

		List<Tensor> result() {
			if (error instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (error instanceof Error fatal) {
				throw fatal;
			}
			return outputs;
		}

	}

}
