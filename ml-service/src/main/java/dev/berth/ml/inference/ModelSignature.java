package dev.berth.ml.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a model takes and returns.
 *
 * @param inputs the inputs, in the order the TorchScript {@code forward} takes them
 * @param outputs the outputs, in the order {@code forward} returns them (a tensor or a
 * tuple)
 * @param maxBatchSize when above 0, the first dimension of every input and output is the
 * batch dimension (declared -1) and a request may hold 1 to this many items; 0 means the
 * model does not batch and shapes are taken as declared
 */
public record ModelSignature(List<TensorSpec> inputs, List<TensorSpec> outputs, int maxBatchSize) {

	public ModelSignature {
		inputs = List.copyOf(inputs);
		outputs = List.copyOf(outputs);
		if (inputs.isEmpty() || outputs.isEmpty()) {
			throw new IllegalArgumentException("a model needs at least one input and one output");
		}
		if (maxBatchSize < 0) {
			throw new IllegalArgumentException("max batch size must be 0 or more, not " + maxBatchSize);
		}
		requireUniqueNames("input", inputs);
		requireUniqueNames("output", outputs);
		if (maxBatchSize > 0) {
			for (TensorSpec spec : concat(inputs, outputs)) {
				if (spec.shape().isEmpty() || spec.shape().get(0) != -1) {
					throw new IllegalArgumentException(
							("'%s' must declare its first (batch) dimension as -1," + " since max batch size is %d")
								.formatted(spec.name(), maxBatchSize));
				}
			}
		}
	}

	/** The declared output with this name, if any. */
	public java.util.Optional<TensorSpec> output(String name) {
		return outputs.stream().filter(spec -> spec.name().equals(name)).findFirst();
	}

	/**
	 * Checks a request's tensors against the declared inputs.
	 * @return the tensors in declaration order, ready to be fed to the model
	 * @throws InvalidInputException explaining the first mismatch
	 */
	public List<Tensor> arrange(List<Tensor> given) {
		Map<String, Tensor> byName = new HashMap<>();
		for (Tensor tensor : given) {
			TensorSpec spec = inputs.stream()
				.filter(s -> s.name().equals(tensor.name()))
				.findFirst()
				.orElseThrow(() -> new InvalidInputException(
						"unknown input '%s'; the model takes %s".formatted(tensor.name(), names(inputs))));
			if (byName.put(tensor.name(), tensor) != null) {
				throw new InvalidInputException("input '%s' is given twice".formatted(tensor.name()));
			}
			if (tensor.datatype() != spec.datatype()) {
				throw new InvalidInputException(
						"input '%s' must be %s, not %s".formatted(spec.name(), spec.datatype(), tensor.datatype()));
			}
			if (!spec.accepts(tensor.shape())) {
				throw new InvalidInputException("input '%s' has shape %s; the model takes %s (-1: any size)"
					.formatted(spec.name(), Arrays.toString(tensor.shape()), spec.shape()));
			}
		}
		List<Tensor> ordered = new ArrayList<>(inputs.size());
		long batchSize = -1;
		for (TensorSpec spec : inputs) {
			Tensor tensor = byName.get(spec.name());
			if (tensor == null) {
				throw new InvalidInputException(
						"input '%s' is missing; the model takes %s".formatted(spec.name(), names(inputs)));
			}
			if (maxBatchSize > 0) {
				long size = tensor.shape()[0];
				if (size < 1 || size > maxBatchSize) {
					throw new InvalidInputException("input '%s' has batch size %d; the model takes 1 to %d"
						.formatted(spec.name(), size, maxBatchSize));
				}
				if (batchSize != -1 && size != batchSize) {
					throw new InvalidInputException(
							"inputs disagree on the batch size: %d and %d".formatted(batchSize, size));
				}
				batchSize = size;
			}
			ordered.add(tensor);
		}
		return ordered;
	}

	private static void requireUniqueNames(String kind, List<TensorSpec> specs) {
		if (specs.stream().map(TensorSpec::name).distinct().count() != specs.size()) {
			throw new IllegalArgumentException(kind + " names must be unique: " + names(specs));
		}
	}

	private static String names(List<TensorSpec> specs) {
		return specs.stream().map(spec -> "'" + spec.name() + "'").collect(Collectors.joining(", "));
	}

	private static List<TensorSpec> concat(List<TensorSpec> a, List<TensorSpec> b) {
		List<TensorSpec> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}
}
