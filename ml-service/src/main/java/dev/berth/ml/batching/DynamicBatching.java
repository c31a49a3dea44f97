package dev.berth.ml.batching;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.berth.ml.inference.InferenceProperties;
import dev.berth.ml.inference.InferenceScheduler;
import dev.berth.ml.inference.InferenceSchedulerFactory;
import dev.berth.ml.inference.ModelSignature;
import dev.berth.ml.inference.PredictorSlot;

import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Makes a {@link DynamicBatcher} for every model version the server loads: with the
 * server-wide defaults ({@link #create}) or with a model's own settings
 * ({@link #forModel}). On shutdown it tells every batcher to stop holding batches back,
 * before the web server waits for in-flight requests.
 */
@Component
public class DynamicBatching implements InferenceSchedulerFactory, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DynamicBatching.class);

	private final BatchingPolicy defaults;

	private final MeterRegistry registry;

	private final Set<DynamicBatcher> live = ConcurrentHashMap.newKeySet();

	private volatile boolean running;

	private volatile boolean stopped;

	public DynamicBatching(BatchingProperties properties, InferenceProperties inference, MeterRegistry registry) {
		this.defaults = new BatchingPolicy(properties.enabled(), properties.maxBatchSize(), properties.maxQueueDelay(),
				properties.maxQueueSize(), inference.predictorWait());
		this.registry = registry;
	}

	/** The server-wide policy. */
	public BatchingPolicy defaults() {
		return defaults;
	}

	/**
	 * Scheduling for one model, each null argument taken from the server-wide defaults.
	 * @throws IllegalArgumentException when the resulting settings are invalid
	 */
	public InferenceSchedulerFactory forModel(Boolean enabled, Integer maxBatchSize, Duration maxQueueDelay,
			Integer maxQueueSize) {
		BatchingPolicy policy = defaults.with(enabled, maxBatchSize, maxQueueDelay, maxQueueSize);
		return (name, signature, predictors) -> create(name, signature, predictors, policy);
	}

	@Override
	public InferenceScheduler create(String name, ModelSignature signature, List<PredictorSlot> predictors) {
		return create(name, signature, predictors, defaults);
	}

	private DynamicBatcher create(String name, ModelSignature signature, List<PredictorSlot> predictors,
			BatchingPolicy policy) {
		DynamicBatcher batcher = new DynamicBatcher(name, signature, predictors, policy, registry, live::remove);
		live.add(batcher);
		if (stopped) {
			batcher.flush();
		}
		if (batcher.batches()) {
			log.info(
					"Model {}: dynamic batching up to {} rows per forward pass, max queue delay {} µs,"
							+ " {} predictor(s), queue of {}",
					name, policy.maxBatchSize(), policy.maxQueueDelay().toNanos() / 1000, predictors.size(),
					policy.maxQueueSize());
		}
		else {
			log.info("Model {}: one request per forward pass ({}), {} predictor(s), queue of {}", name,
					policy.enabled() ? "the model has no batch dimension" : "dynamic batching off", predictors.size(),
					policy.maxQueueSize());
		}
		return batcher;
	}

	@Override
	public void start() {
		running = true;
	}

	/**
	 * Runs before the web server's graceful shutdown (a higher phase stops first): queued
	 * requests go at once.
	 */
	@Override
	public void stop() {
		running = false;
		stopped = true;
		live.forEach(DynamicBatcher::flush);
	}

	@Override
	public boolean isRunning() {
		return running;
	}

}
