package dev.berth.image;

/**
 * A picture that cannot become a model input; the message says why, in words for the
 * person who sent it.
 */
public class ImageDecodingException extends RuntimeException {

	/**
	 * Why a picture was refused; callers map it to their own answer (e.g. an HTTP
	 * status).
	 */
	public enum Reason {

		/** Not a picture in any format the JDK reads. */
		NOT_AN_IMAGE,

		/** A picture format, but the data is corrupt or cut short. */
		CORRUPT,

		/** More pixels than the caller allows. */
		TOO_MANY_PIXELS,

		/**
		 * Other pictures held the shared decoding budget for too long: not the picture's
		 * fault, retry.
		 */
		BUSY

	}

	private final Reason reason;

	public ImageDecodingException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public Reason reason() {
		return reason;
	}

}
