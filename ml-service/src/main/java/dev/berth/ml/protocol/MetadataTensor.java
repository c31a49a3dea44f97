package dev.berth.ml.protocol;

import java.util.List;

import dev.berth.ml.inference.TensorSpec;

/**
 * {@code $metadata_tensor}: a declared input or output; -1 in the shape means any size.
 */
record MetadataTensor(String name, String datatype, List<Long> shape) {

	static MetadataTensor of(TensorSpec spec) {
		return new MetadataTensor(spec.name(), spec.datatype().name(), spec.shape());
	}
}
