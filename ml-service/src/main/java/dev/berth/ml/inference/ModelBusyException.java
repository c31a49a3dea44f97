package dev.berth.ml.inference;

/**
 * No predictor became free within the configured wait; the client may retry (HTTP 503).
 */
public class ModelBusyException extends RuntimeException {

	public ModelBusyException(String message) {
		super(message);
	}

}
