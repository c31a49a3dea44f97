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
 *
 * <p>
 * The implementations read the same requests into the same values and answer bad ones
 * alike (malformed JSON each in its own words); they differ in speed.
 * {@code berth.ml.protocol.json-reader} chooses one.
 */
@FunctionalInterface
interface InferenceRequestReader {

	/** Reads one request from a whole body. */
	InferenceRequest read(byte[] body);

	static InferenceRequestReader of(ProtocolProperties.JsonReader choice) {
		return switch (choice) {
			case CURSOR -> CursorRequestReader::read;
			case JACKSON_STREAM -> body -> JacksonRequestReader.read(body, false);
			case JACKSON_FLOAT -> body -> JacksonRequestReader.read(body, true);
		};
	}

}
