package dev.berth.ml.batching;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * The batchers that share one model version's meters. During a hot reload the replacement
 * registers the same meters (same name and tags) while the old batcher still serves;
 * Micrometer hands both the same meter objects, so only the last batcher to close may
 * remove them, and the queue-size gauge must follow whichever batcher joined last.
 */
final class SharedVersionMeters {

	// Weak keys: a registry that goes away (a closed test context) takes its entries with
	// it.
	private static final Map<MeterRegistry, Map<Tags, SharedVersionMeters>> BY_REGISTRY = new WeakHashMap<>();

	private final List<Supplier<Number>> queueSizes = new ArrayList<>();

	private SharedVersionMeters() {
	}

	static SharedVersionMeters join(MeterRegistry registry, Tags tags, Supplier<Number> queueSize) {
		synchronized (BY_REGISTRY) {
			SharedVersionMeters shared = BY_REGISTRY.computeIfAbsent(registry, r -> new HashMap<>())
				.computeIfAbsent(tags, t -> new SharedVersionMeters());
			shared.queueSizes.add(queueSize);
			return shared;
		}
	}

	/**
	 * @return whether no batcher uses these meters any more, so they can be removed
	 */
	static boolean leave(MeterRegistry registry, Tags tags, Supplier<Number> queueSize) {
		synchronized (BY_REGISTRY) {
			Map<Tags, SharedVersionMeters> byTags = BY_REGISTRY.getOrDefault(registry, Map.of());
			SharedVersionMeters shared = byTags.get(tags);
			if (shared == null) {
				return true;
			}
			shared.queueSizes.remove(queueSize);
			if (!shared.queueSizes.isEmpty()) {
				return false;
			}
			byTags.remove(tags);
			return true;
		}
	}

	/** The queue size of the batcher that joined last (the one serving new requests). */
	double queueSize() {
		synchronized (BY_REGISTRY) {
			return queueSizes.isEmpty() ? 0 : queueSizes.get(queueSizes.size() - 1).get().doubleValue();
		}
	}

}
