package dev.berth.ml.repository;

/** No such model, or no such version of it, in the repository (HTTP 404). */
public class ModelNotFoundException extends RuntimeException {

	public ModelNotFoundException(String message) {
		super(message);
	}

}
