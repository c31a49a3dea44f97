package dev.berth.ml.protocol;

import java.util.List;
import java.util.Map;

import dev.berth.ml.inference.InvalidInputException;
import dev.berth.ml.inference.Tensor;
import dev.berth.ml.inference.TensorDataType;

/**
 * {@code $inference_request}, as {@link InferenceRequestReader} reads and checks it: the
 * required fields are present, names and datatypes are not blank, no dimension is
 * negative. Public, with its inputs' conversion to tensors, for the benchmarks' no-model
 * server, which runs ml-service's request path without a model.
 *
 * @param id optional; echoed in the response
 * @param parameters optional request parameters; none are acted on yet
 * @param inputs one entry per model input
 * @param outputs optional; which outputs to return (all when absent)
 */
public record InferenceRequest(String id, Map<String, Object> parameters, List<Input> inputs, List<Output> outputs) {

	/** {@code $request_input}; {@code data} may be flat or nested, row-major. */
	public record Input(String name, List<Long> shape, String datatype, Map<String, Object> parameters,
			TensorData data) {

		/**
		 * This input as a tensor of its datatype, checked: a supported datatype, values
		 * of the right kind and range, as many as the shape says.
		 * @throws InvalidInputException naming the input and what is wrong
		 */
		public Tensor toTensor() {
			rejectUnsupported(parameters, "input", name);
			TensorDataType type = TensorDataType.fromProtocolName(datatype)
				.orElseThrow(
						() -> new InvalidInputException("input '%s': datatype '%s' is not supported (supported: %s)"
							.formatted(name, datatype, TensorDataType.supportedNames())));
			if (type == TensorDataType.BOOL && data.hasNumbers()) {
				throw new InvalidInputException("input '%s': BOOL data must be true or false".formatted(name));
			}
			if (type != TensorDataType.BOOL && data.hasBooleans()) {
				throw new InvalidInputException(
						"input '%s': %s data must be numbers, not true or false".formatted(name, type));
			}
			long[] dimensions = new long[shape.size()];
			for (int i = 0; i < dimensions.length; i++) {
				dimensions[i] = shape.get(i);
			}
			if (data.floats() != null) {
				return Tensor.fromFloats(name, dimensions, data.floats());
			}
			return Tensor.fromValues(name, type, dimensions, data.values());
		}

	}

	/** {@code $request_output}. */
	public record Output(String name, Map<String, Object> parameters) {
	}

	/**
	 * Parameters of protocol extensions this server does not implement: refused, not
	 * silently ignored.
	 */
	static void rejectUnsupported(Map<String, Object> parameters, String kind, String name) {
		if (parameters == null) {
			return;
		}
		String where = "%s '%s'".formatted(kind, name);
		if (parameters.containsKey("binary_data_size") || Boolean.TRUE.equals(parameters.get("binary_data"))) {
			throw new InvalidInputException(where + ": binary tensor data is not supported; send 'data' as JSON");
		}
		if (parameters.containsKey("classification")) {
			throw new InvalidInputException(where + ": the classification extension is not supported");
		}
	}

}
