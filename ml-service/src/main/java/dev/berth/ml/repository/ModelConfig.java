package dev.berth.ml.repository;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.berth.ml.batching.DynamicBatching;
import dev.berth.ml.inference.InferenceSchedulerFactory;
import dev.berth.ml.inference.ModelSignature;
import dev.berth.ml.inference.TensorDataType;
import dev.berth.ml.inference.TensorSpec;

/**
 * A model's {@code config.yml} (keys in snake_case, as Triton and KServe users know
 * them). One file serves all versions of the model. See
 * {@code model-repository/mnist/config.yml} for a documented example.
 *
 * @param platform only {@code pytorch_torchscript} for now
 * @param maxBatchSize the most items one request may carry in its first dimension; 0 when
 * the model has no batch dimension
 * @param inputs what {@code forward} takes, in its parameter order
 * @param outputs what {@code forward} returns, in order
 * @param labels optional file, relative to each version folder, naming the classes of the
 * first output's last dimension, one per line
 * @param dynamicBatching this model's dynamic batching settings; each one left out takes
 * the server-wide default ({@code berth.ml.batching.*})
 * @param image how the image endpoint turns a picture into the input; null when the model
 * takes none
 */
public record ModelConfig(String platform, Integer maxBatchSize, List<TensorConfig> inputs, List<TensorConfig> outputs,
		String labels, DynamicBatchingConfig dynamicBatching, ImageConfig image) {

	static final String TORCHSCRIPT_PLATFORM = "pytorch_torchscript";

	/**
	 * @param name the tensor's name in requests and responses
	 * @param datatype an Open Inference Protocol datatype, e.g. {@code FP32}
	 * @param shape dimensions including the batch dimension, -1 where any size goes
	 */
	public record TensorConfig(String name, String datatype, List<Long> shape) {
	}

	/**
	 * @param enabled whether concurrent requests to this model are run as one forward
	 * pass
	 * @param maxBatchSize the most rows the batcher puts into one forward pass
	 * @param maxQueueDelayMicroseconds how long the batcher may hold a request to fill a
	 * batch
	 * @param maxQueueSize the most requests waiting for a forward pass; more get 503 at
	 * once
	 */
	public record DynamicBatchingConfig(Boolean enabled, Integer maxBatchSize, Long maxQueueDelayMicroseconds,
			Integer maxQueueSize) {

		/**
		 * The scheduler factory for this model: these settings over the server-wide
		 * defaults.
		 */
		InferenceSchedulerFactory scheduling(DynamicBatching batching) {
			return batching.forModel(enabled, maxBatchSize,
					maxQueueDelayMicroseconds == null ? null : Duration.ofNanos(maxQueueDelayMicroseconds * 1000),
					maxQueueSize);
		}

		void check(int modelMaxBatchSize) {
			if (maxBatchSize != null && maxBatchSize < 1) {
				throw new IllegalArgumentException("'dynamic_batching.max_batch_size' must be at least 1");
			}
			if (maxQueueDelayMicroseconds != null && maxQueueDelayMicroseconds < 0) {
				throw new IllegalArgumentException(
						"'dynamic_batching.max_queue_delay_microseconds' must not be negative");
			}
			if (maxQueueSize != null && maxQueueSize < 1) {
				throw new IllegalArgumentException("'dynamic_batching.max_queue_size' must be at least 1");
			}
			if (Boolean.TRUE.equals(enabled) && modelMaxBatchSize == 0) {
				throw new IllegalArgumentException(
						"'dynamic_batching.enabled' needs a batch dimension: set 'max_batch_size' above 0");
			}
		}
	}

	/**
	 * Scheduling for this model: its {@code dynamic_batching} settings over the
	 * server-wide defaults.
	 */
	InferenceSchedulerFactory scheduling(DynamicBatching batching) {
		return dynamicBatching == null ? batching : dynamicBatching.scheduling(batching);
	}

	/**
	 * Checks the config and turns it into the signature the inference layer works with.
	 * @throws IllegalArgumentException saying what is wrong, in one line
	 */
	ModelSignature toSignature() {
		if (platform == null) {
			throw new IllegalArgumentException("'platform' is missing (supported: " + TORCHSCRIPT_PLATFORM + ")");
		}
		if (!TORCHSCRIPT_PLATFORM.equals(platform)) {
			throw new IllegalArgumentException(
					"platform '%s' is not supported (supported: %s)".formatted(platform, TORCHSCRIPT_PLATFORM));
		}
		if (dynamicBatching != null) {
			dynamicBatching.check(maxBatchSize == null ? 0 : maxBatchSize);
		}
		ModelSignature signature = new ModelSignature(specs("inputs", inputs), specs("outputs", outputs),
				maxBatchSize == null ? 0 : maxBatchSize);
		if (image != null) {
			image.resolve(signature);
		}
		return signature;
	}

	private static List<TensorSpec> specs(String key, List<TensorConfig> tensors) {
		if (tensors == null || tensors.isEmpty()) {
			throw new IllegalArgumentException("'%s' must list at least one tensor".formatted(key));
		}
		List<TensorSpec> specs = new ArrayList<>();
		for (int i = 0; i < tensors.size(); i++) {
			TensorConfig tensor = tensors.get(i);
			String where = "%s[%d]".formatted(key, i);
			if (tensor == null || tensor.name() == null || tensor.name().isBlank()) {
				throw new IllegalArgumentException(where + ": 'name' is missing");
			}
			TensorDataType datatype = TensorDataType.fromProtocolName(String.valueOf(tensor.datatype()))
				.orElseThrow(() -> new IllegalArgumentException("%s: datatype '%s' is not supported (supported: %s)"
					.formatted(where, tensor.datatype(), TensorDataType.supportedNames())));
			if (tensor.shape() == null || tensor.shape().isEmpty()
					|| tensor.shape().stream().anyMatch(dim -> dim == null || dim == 0 || dim < -1)) {
				throw new IllegalArgumentException(where + ": 'shape' must list dimensions, each -1 or positive");
			}
			specs.add(new TensorSpec(tensor.name(), datatype, tensor.shape()));
		}
		return specs;
	}
}
