package dev.berth.ml.repository;

/** The model exists but cannot serve now: loading, or failed to load (HTTP 503). */
public class ModelNotReadyException extends RuntimeException {

	public ModelNotReadyException(String message) {
		super(message);
	}

}
