package dev.berth.ml.protocol;

import java.util.List;

/** {@code $metadata_model_response}. */
record ModelMetadataResponse(String name, List<String> versions, String platform, List<MetadataTensor> inputs,
		List<MetadataTensor> outputs) {
}
