package dev.berth.ml.batching;

import java.time.Duration;

/**
 * The batching settings of one model version: the server defaults with the model's
 * overrides applied.
 *
 * @param enabled whether requests are stacked into one forward pass
 * @param maxBatchSize the most rows one forward pass takes
 * @param maxQueueDelay how long the oldest queued request may wait for the batch to fill
 * @param maxQueueSize the most requests waiting for a forward pass; more are refused
 * @param maxWait how long a request may wait for its forward pass before it is refused
 */
public record BatchingPolicy(boolean enabled, int maxBatchSize, Duration maxQueueDelay, int maxQueueSize,
		Duration maxWait) {

	public BatchingPolicy {
		if (maxBatchSize < 1) {
			throw new IllegalArgumentException("max batch size must be at least 1, not " + maxBatchSize);
		}
		if (maxQueueDelay.isNegative()) {
			throw new IllegalArgumentException("max queue delay must not be negative, not " + maxQueueDelay);
		}
		if (maxQueueSize < 1) {
			throw new IllegalArgumentException("max queue size must be at least 1, not " + maxQueueSize);
		}
	}

	/** This policy with each non-null override applied. */
	BatchingPolicy with(Boolean enabled, Integer maxBatchSize, Duration maxQueueDelay, Integer maxQueueSize) {
		return new BatchingPolicy(enabled != null ? enabled : this.enabled,
				maxBatchSize != null ? maxBatchSize : this.maxBatchSize,
				maxQueueDelay != null ? maxQueueDelay : this.maxQueueDelay,
				maxQueueSize != null ? maxQueueSize : this.maxQueueSize, maxWait);
	}
}
