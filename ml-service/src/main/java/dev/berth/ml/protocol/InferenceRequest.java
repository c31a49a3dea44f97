package dev.berth.ml.protocol;

import java.util.List;
import java.util.Map;

/**
 * {@code $inference_request}, as {@link InferenceRequestReader} reads and checks it: the
 * required fields are present, names and datatypes are not blank, no dimension is
 * negative.
 *
 * @param id optional; echoed in the response
 * @param parameters optional request parameters; none are acted on yet
 * @param inputs one entry per model input
 * @param outputs optional; which outputs to return (all when absent)
 */
record InferenceRequest(String id, Map<String, Object> parameters, List<Input> inputs, List<Output> outputs) {

	/** {@code $request_input}; {@code data} may be flat or nested, row-major. */
	record Input(String name, List<Long> shape, String datatype, Map<String, Object> parameters, TensorData data) {
	}

	/** {@code $request_output}. */
	record Output(String name, Map<String, Object> parameters) {
	}
}
