package dev.berth.ml.inference;

import java.util.List;

/**
 * A tensor a model takes or returns, as its config declares it.
 *
 * @param name the name clients use (TorchScript itself has positional inputs: declaration
 * order counts)
 * @param datatype the element type
 * @param shape the dimensions, -1 where any size is allowed (the batch dimension, for
 * one)
 */
public record TensorSpec(String name, TensorDataType datatype, List<Long> shape) {

	public TensorSpec {
		shape = List.copyOf(shape);
	}

	/** Whether a concrete shape fits this declaration. */
	boolean accepts(long[] concrete) {
		if (concrete.length != shape.size()) {
			return false;
		}
		for (int i = 0; i < concrete.length; i++) {
			long declared = shape.get(i);
			if (declared != -1 && declared != concrete[i]) {
				return false;
			}
		}
		return true;
	}

	/** The shape with every variable dimension set to {@code size}. */
	long[] concreteShape(long size) {
		return shape.stream().mapToLong(dim -> dim == -1 ? size : dim).toArray();
	}
}
