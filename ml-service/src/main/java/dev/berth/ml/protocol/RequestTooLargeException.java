package dev.berth.ml.protocol;

import java.io.IOException;

/**
 * A request body without a Content-Length grew past the limit while it was read (HTTP
 * 413). An IOException, so it travels through Spring's message converters as a read
 * failure.
 */
class RequestTooLargeException extends IOException {

	RequestTooLargeException(String message) {
		super(message);
	}

}
