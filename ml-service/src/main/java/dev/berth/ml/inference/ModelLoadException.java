package dev.berth.ml.inference;

/** A model version could not be loaded or warmed up; the message says why in one line. */
public class ModelLoadException extends Exception {

	public ModelLoadException(String message, Throwable cause) {
		super(message, cause);
	}

}
