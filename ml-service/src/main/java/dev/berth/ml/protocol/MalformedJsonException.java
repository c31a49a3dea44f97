package dev.berth.ml.protocol;

import dev.berth.ml.inference.InvalidInputException;

/** A request body that is not JSON; the message says where and why (HTTP 400). */
final class MalformedJsonException extends InvalidInputException {

	private MalformedJsonException(String message) {
		super(message);
	}

	/** The problem at a line and column of the body, both counted from 1. */
	static MalformedJsonException at(int line, int column, String problem) {
		return new MalformedJsonException("malformed JSON (line %d, column %d): %s".formatted(line, column, problem));
	}

}
