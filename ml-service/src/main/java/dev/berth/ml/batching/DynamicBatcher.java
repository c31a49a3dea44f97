package dev.berth.ml.batching;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import dev.berth.ml.inference.InferenceFailedException;
import dev.berth.ml.inference.InferenceScheduler;
import dev.berth.ml.inference.ModelBusyException;
import dev.berth.ml.inference.ModelSignature;
import dev.berth.ml.inference.PredictorSlot;
import dev.berth.ml.inference.Tensor;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Gathers concurrent requests to one model version into one forward pass, with no thread
 * of its own: the requests' threads take turns to lead, each leader running batches from
 * the {@link BatchQueue} on a predictor it holds. The package documentation describes the
 * hand-off: the states of a request, who runs a batch and what wakes whom.
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

	private final BatchQueue queue;

	private final BatcherMetrics metrics;

	private final Consumer<DynamicBatcher> onClose;

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
		this.queue = new BatchQueue(policy, stacks);
		int slash = name.lastIndexOf('/');
		this.metrics = new BatcherMetrics(registry, slash < 0 ? name : name.substring(0, slash),
				slash < 0 ? "" : name.substring(slash + 1), queue::waiting);
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
		PendingRequest request = new PendingRequest(orderedInputs, stacks, Thread.currentThread());
		if (!queue.offer(request)) {
			throw refused("queue_full",
					"model '%s' is overloaded: %d requests are already waiting".formatted(name, policy.maxQueueSize()));
		}
		return await(request);
	}

	/**
	 * Stops holding batches back for more requests: runs what is queued as soon as a
	 * predictor is free.
	 */
	void flush() {
		queue.flush();
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
		// too. One queued after this sees 'finished' and refuses itself (see await).
		finished = true;
		serveQueue(held.get(0));
		metrics.remove();
		onClose.accept(this);
	}

	/**
	 * Waits for the request's outputs, leading batches whenever it finds a predictor idle
	 * while its request is still queued.
	 */
	private List<Tensor> await(PendingRequest request) {
		long deadline = request.enqueued + policy.maxWait().toNanos();
		boolean interrupted = false;
		try {
			while (true) {
				PendingRequest.State state = request.state();
				if (state == PendingRequest.State.DONE) {
					return request.result();
				}
				if (state == PendingRequest.State.QUEUED) {
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
	 * one, then puts the predictor back.
	 */
	private void lead(PredictorSlot slot, PendingRequest own) {
		own.leading = true;
		try {
			while (own.state() == PendingRequest.State.QUEUED) {
				List<PendingRequest> batch = queue.takeBatch();
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
		for (List<PendingRequest> batch = queue.takeBatch(); !batch.isEmpty(); batch = queue.takeBatch()) {
			run(slot, batch);
		}
	}

	/**
	 * If a predictor is free, wakes the thread of the oldest queued request that is not
	 * already leading, to take the predictor and run the next batch. Called whenever a
	 * predictor is put back, so a queued request never sleeps beside a free predictor.
	 */
	private void wakeSuccessor() {
		if (!idle.isEmpty()) {
			queue.nextLeader().ifPresent(next -> LockSupport.unpark(next.thread));
		}
	}

	/**
	 * Runs one batch and completes every request in it, whatever happens: their threads
	 * wait for that.
	 */
	private void run(PredictorSlot slot, List<PendingRequest> batch) {
		long started = System.nanoTime();
		queue.started(batch);
		try {
			List<List<Tensor>> inputs = new ArrayList<>(batch.size());
			int rows = 0;
			for (PendingRequest pending : batch) {
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
			for (PendingRequest pending : batch) {
				if (pending.state() != PendingRequest.State.DONE) {
					pending.complete(null, e);
				}
			}
		}
	}

	private void runAlone(PredictorSlot slot, PendingRequest pending) {
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
	private boolean cancel(PendingRequest request) {
		if (!queue.withdraw(request)) {
			return false;
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

}
