package dev.berth.ml.protocol;

/**
 * Reads a V2 {@code $inference_request} from a whole body of UTF-8 JSON, straight into an
 * {@link InferenceRequest}: {@code data} goes into one flat array as it is parsed, with
 * no tree, no data binding and no bean validation in between (together they cost more CPU
 * than the forward pass of a small model). Unknown fields are skipped, as the protocol's
 * extensions may add some. Every problem is an
 * {@link dev.berth.ml.inference.InvalidInputException} worded by {@link RequestChecks},
 * naming the field, e.g. {@code inputs[0].shape}, or, for a body that is not JSON, a
 * {@link MalformedJsonException} naming the line and column.
 */
@FunctionalInterface
interface InferenceRequestReader {

	/** Reads one request from a whole body. */
	InferenceRequest read(byte[] body);

}
