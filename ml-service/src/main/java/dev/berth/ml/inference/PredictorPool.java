package dev.berth.ml.inference;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A fixed set of predictor slots; a request borrows one, waiting up to a limit when all are busy.
 * This is the simplest correct way to share non-thread-safe predictors across request threads;
 * a dynamic batcher can take its place without changing {@link TorchScriptModel}'s callers.
 */
final class PredictorPool implements AutoCloseable {

    private final List<PredictorSlot> slots;
    private final BlockingQueue<PredictorSlot> idle;
    private final Duration maxWait;

    PredictorPool(List<PredictorSlot> slots, Duration maxWait) {
        this.slots = List.copyOf(slots);
        this.idle = new ArrayBlockingQueue<>(slots.size(), false, slots);
        this.maxWait = maxWait;
    }

    PredictorSlot borrow(String modelName) {
        try {
            PredictorSlot slot = idle.poll(maxWait.toNanos(), TimeUnit.NANOSECONDS);
            if (slot == null) {
                throw new ModelBusyException("model '%s' is busy: no predictor became free within %d ms"
                        .formatted(modelName, maxWait.toMillis()));
            }
            return slot;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelBusyException("interrupted while waiting for model '%s'".formatted(modelName));
        }
    }

    void giveBack(PredictorSlot slot) {
        idle.add(slot);
    }

    /** All slots, for warm-up before the pool serves requests. */
    List<PredictorSlot> slots() {
        return slots;
    }

    /** Closes every predictor; only call once no request can reach this pool any more. */
    @Override
    public void close() {
        slots.forEach(PredictorSlot::close);
    }
}
