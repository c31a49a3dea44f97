package dev.berth.ml.batching;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The meters of one model version's batcher, tagged {@code model} and {@code version}.
 * Histograms have fixed buckets (not Micrometer's ~70 percentile buckets) so a scrape
 * stays small; the bucket bounds span a single-digit forward pass (a fraction of a
 * millisecond) up to a request that gives up (seconds).
 */
final class BatcherMetrics {

	static final String QUEUE_DURATION = "berth.ml.queue.duration";
	static final String INFERENCE_DURATION = "berth.ml.inference.duration";
	static final String BATCH_SIZE = "berth.ml.batch.size";
	static final String BATCH_REQUESTS = "berth.ml.batch.requests";
	static final String QUEUE_SIZE = "berth.ml.queue.size";
	static final String QUEUE_REJECTED = "berth.ml.queue.rejected";

	static final Duration[] LATENCY_BUCKETS = { Duration.ofNanos(100_000), Duration.ofNanos(250_000),
			Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
			Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
			Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
			Duration.ofSeconds(5), Duration.ofSeconds(10) };

	private static final Set<String> BATCHER_METERS = Set.of(QUEUE_DURATION, INFERENCE_DURATION, BATCH_SIZE,
			BATCH_REQUESTS, QUEUE_SIZE, QUEUE_REJECTED);

	private static final double[] SIZE_BUCKETS = { 1, 2, 4, 8, 16, 32, 64, 128, 256 };

	private final MeterRegistry registry;

	private final Tags tags;

	private final Timer queueTime;

	private final Timer inferenceTime;

	private final DistributionSummary batchRows;

	private final DistributionSummary batchRequests;

	private final Supplier<Number> queueSize;

	BatcherMetrics(MeterRegistry registry, String model, String version, Supplier<Number> queueSize) {
		this.registry = registry;
		this.tags = Tags.of("model", model, "version", version);
		queueTime = timer(QUEUE_DURATION,
				"Time a request waits between arriving at the batcher and the start of its forward pass");
		inferenceTime = timer(INFERENCE_DURATION,
				"Time of one forward pass, including copying inputs in and outputs out");
		batchRows = summary(BATCH_SIZE, "Rows (items along the batch dimension) per forward pass");
		batchRequests = summary(BATCH_REQUESTS, "Requests gathered into one forward pass");
		this.queueSize = queueSize;
		SharedVersionMeters shared = SharedVersionMeters.join(registry, tags, queueSize);
		Gauge.builder(QUEUE_SIZE, shared, SharedVersionMeters::queueSize)
			.description("Requests waiting for a forward pass now")
			.tags(tags)
			.register(registry);
	}

	void queued(long nanos) {
		queueTime.record(nanos, TimeUnit.NANOSECONDS);
	}

	void forwardPass(int rows, int requests, long nanos) {
		inferenceTime.record(nanos, TimeUnit.NANOSECONDS);
		batchRows.record(rows);
		batchRequests.record(requests);
	}

	/**
	 * @param reason {@code queue_full}, {@code timeout} or {@code shutting_down}
	 */
	void rejected(String reason) {
		Counter.builder(QUEUE_REJECTED)
			.description("Requests refused (503) by the batcher, by reason")
			.tags(tags)
			.tag("reason", reason)
			.register(registry)
			.increment();
	}

	/**
	 * Drops this version's meters, so an unloaded version leaves no stale series behind;
	 * while a replacement batcher of the same version still uses them (hot reload), they
	 * stay.
	 */
	void remove() {
		if (!SharedVersionMeters.leave(registry, tags, queueSize)) {
			return;
		}
		// Found by name and tags: either batcher may have registered a rejection counter.
		registry.getMeters()
			.stream()
			.filter(meter -> BATCHER_METERS.contains(meter.getId().getName())
					&& tags.stream().allMatch(tag -> tag.getValue().equals(meter.getId().getTag(tag.getKey()))))
			.forEach(registry::remove);
	}

	private Timer timer(String name, String description) {
		return Timer.builder(name)
			.description(description)
			.tags(tags)
			.serviceLevelObjectives(LATENCY_BUCKETS)
			.register(registry);
	}

	// Shaped like timer(): Micrometer's Timer and DistributionSummary builders share no
	// type.
	private DistributionSummary summary(String name, String description) {
		return DistributionSummary.builder(name)
			.description(description)
			.tags(tags)
			.serviceLevelObjectives(SIZE_BUCKETS)
			.register(registry);
	}

}
