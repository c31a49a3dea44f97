package dev.berth.ml.protocol;

import dev.berth.ml.inference.InvalidInputException;

/** A request body that is not JSON; the message says where and why (HTTP 400). */
final class MalformedJsonException extends InvalidInputException {

	MalformedJsonException(String message) {
		super(message);
	}

}
