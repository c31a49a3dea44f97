package dev.berth.ml.inference;

/**
 * The request's tensors do not fit the model: the client must change the request (HTTP
 * 400).
 */
public class InvalidInputException extends RuntimeException {

	public InvalidInputException(String message) {
		super(message);
	}

}
