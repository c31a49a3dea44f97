package dev.berth.ml.inference;

/**
 * The model itself failed on inputs that matched its declared signature, or returned
 * tensors that do not match its declared outputs. The message is one line, safe to show
 * to a client.
 */
public class InferenceFailedException extends RuntimeException {

	public InferenceFailedException(String message, Throwable cause) {
		super(message, cause);
	}

	public InferenceFailedException(String message) {
		super(message);
	}

}
