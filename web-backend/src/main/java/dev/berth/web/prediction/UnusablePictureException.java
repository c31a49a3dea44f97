package dev.berth.web.prediction;

/**
 * A picture that cannot be classified (not a picture, corrupt, too many pixels); the
 * message says why, for the person who sent it.
 */
public class UnusablePictureException extends RuntimeException {

	UnusablePictureException(String message) {
		super(message);
	}

}
