package dev.berth.ml.protocol;

import java.util.List;

/**
 * {@code $inference_response}, written as JSON by {@link InferenceJsonConverter} (which
 * names the fields {@code model_name} and {@code model_version}, and leaves {@code id}
 * out when the request had none). Public for the benchmarks' no-model server.
 */
public record InferenceResponse(String modelName, String modelVersion, String id, List<Output> outputs) {

	/** {@code $response_output}: {@code data} is flat, row-major. */
	public record Output(String name, String datatype, long[] shape, Object data) {
	}
}
