package dev.berth.ml.batching;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hot reload runs two batchers of one version side by side; its series must survive the
 * swap.
 */
class BatcherMetricsTest {

	private final MeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void replacedVersionKeepsItsSeriesAndTheGaugeFollowsTheNewBatcher() {
		AtomicInteger oldQueue = new AtomicInteger(3);
		AtomicInteger newQueue = new AtomicInteger(7);
		BatcherMetrics serving = new BatcherMetrics(registry, "mnist", "1", oldQueue::get);
		serving.forwardPass(4, 2, 1_000);
		serving.rejected("queue_full");
		BatcherMetrics replacement = new BatcherMetrics(registry, "mnist", "1", newQueue::get);

		serving.remove();

		assertThat(queueSize()).isEqualTo(7);
		assertThat(registry.find(BatcherMetrics.BATCH_SIZE).tag("version", "1").summary().count()).isEqualTo(1);
		replacement.forwardPass(1, 1, 1_000);
		assertThat(registry.find(BatcherMetrics.BATCH_SIZE).tag("version", "1").summary().count()).isEqualTo(2);

		replacement.remove();

		assertThat(registry.find(BatcherMetrics.QUEUE_SIZE).meters()).isEmpty();
		assertThat(registry.find(BatcherMetrics.BATCH_SIZE).meters()).isEmpty();
		assertThat(registry.find(BatcherMetrics.QUEUE_REJECTED).meters()).isEmpty();
	}

	@Test
	void removingOneVersionLeavesTheOthers() {
		BatcherMetrics one = new BatcherMetrics(registry, "mnist", "1", () -> 0);
		new BatcherMetrics(registry, "mnist", "2", () -> 5);

		one.remove();

		assertThat(registry.find(BatcherMetrics.QUEUE_SIZE).tag("version", "1").gauge()).isNull();
		assertThat(registry.find(BatcherMetrics.QUEUE_SIZE).tag("version", "2").gauge().value()).isEqualTo(5);
	}

	private double queueSize() {
		return registry.find(BatcherMetrics.QUEUE_SIZE).tag("model", "mnist").tag("version", "1").gauge().value();
	}

}
