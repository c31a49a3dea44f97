package dev.berth.web.system;

import java.util.List;

/**
 * A request with invalid values that a feature found itself (where per-value bean
 * validation would cost too much); answered 400 like bean validation's errors.
 */
public class InvalidRequestException extends RuntimeException {

	private final List<InvalidField> errors;

	public InvalidRequestException(List<InvalidField> errors) {
		super(errors.size() + " invalid value(s)");
		this.errors = List.copyOf(errors);
	}

	public List<InvalidField> errors() {
		return errors;
	}

}
