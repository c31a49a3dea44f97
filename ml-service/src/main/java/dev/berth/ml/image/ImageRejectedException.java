package dev.berth.ml.image;

import org.springframework.http.HttpStatus;

/**
 * An upload that is not a picture this endpoint can take: the status says why (400, 413,
 * 415).
 */
class ImageRejectedException extends RuntimeException {

	private final HttpStatus status;

	ImageRejectedException(HttpStatus status, String message) {
		super(message);
		this.status = status;
	}

	HttpStatus status() {
		return status;
	}

}
