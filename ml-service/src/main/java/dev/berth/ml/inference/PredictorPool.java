package dev.berth.ml.inference;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The simplest correct scheduler: a request borrows one predictor, waiting up to a limit
 * when all are busy, and runs alone. The server uses the dynamic batcher instead; this
 * one serves models loaded without a scheduler factory (tests of the inference layer,
 * tools).
 */
final class PredictorPool implements InferenceScheduler {

	private final String modelName;

	private final List<PredictorSlot> slots;

	private final BlockingQueue<PredictorSlot> idle;

	private final Duration maxWait;

	private volatile boolean closed;

	PredictorPool(String modelName, List<PredictorSlot> slots, Duration maxWait) {
		this.modelName = modelName;
		this.slots = List.copyOf(slots);
		this.idle = new ArrayBlockingQueue<>(slots.size(), false, slots);
		this.maxWait = maxWait;
	}

	static InferenceSchedulerFactory factory(Duration maxWait) {
		return (name, signature, predictors) -> new PredictorPool(name, predictors, maxWait);
	}

	@Override
	public List<Tensor> infer(List<Tensor> orderedInputs) {
		if (closed) {
			throw new ModelBusyException("model '%s' is shutting down".formatted(modelName));
		}
		PredictorSlot slot = borrow(maxWait.toNanos());
		try {
			return slot.runOne(orderedInputs);
		}
		finally {
			idle.add(slot);
		}
	}

	/**
	 * Waits until every predictor is back, so none is mid-forward-pass when the model
	 * closes it.
	 */
	@Override
	public void close() {
		closed = true;
		for (int i = 0; i < slots.size(); i++) {
			borrow(Long.MAX_VALUE);
		}
	}

	private PredictorSlot borrow(long waitNanos) {
		try {
			PredictorSlot slot = idle.poll(waitNanos, TimeUnit.NANOSECONDS);
			if (slot == null) {
				throw new ModelBusyException("model '%s' is busy: no predictor became free within %d ms"
					.formatted(modelName, maxWait.toMillis()));
			}
			return slot;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new ModelBusyException("interrupted while waiting for model '%s'".formatted(modelName));
		}
	}

}
