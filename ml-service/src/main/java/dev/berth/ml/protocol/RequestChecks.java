package dev.berth.ml.protocol;

import java.util.ArrayList;
import java.util.List;

import dev.berth.ml.inference.InvalidInputException;

/**
 * What {@link InferenceRequestReader} checks beyond JSON syntax, and the words of each
 * answer: missing or blank required fields are gathered while a request is read and
 * answered together ({@link #missing}), anything else is answered at once, naming the
 * field. One instance per request read.
 */
final class RequestChecks {

	// Integers beyond this lose precision as doubles; INT64 ids that large need the
	// binary extension.
	private static final long MAX_EXACT_INTEGER = 1L << 53;

	private final List<String> missing = new ArrayList<>();

	void requireText(String value, String path) {
		if (value == null || value.isBlank()) {
			missing.add("'%s' must not be blank".formatted(path));
		}
	}

	void requirePresent(Object value, String path) {
		if (value == null) {
			missing.add("'%s' must not be null".formatted(path));
		}
	}

	void requireInputs(List<?> inputs) {
		if (inputs == null || inputs.isEmpty()) {
			missing.add("'inputs' must not be empty");
		}
	}

	void requireNonNegative(long dimension, String path) {
		if (dimension < 0) {
			missing.add("'%s' must be greater than or equal to 0".formatted(path));
		}
	}

	/** Answers every missing or blank field at once, if there is one. */
	void missing() {
		if (!missing.isEmpty()) {
			throw new InvalidInputException(
					"invalid inference request: " + String.join("; ", missing.stream().sorted().toList()));
		}
	}

	static InvalidInputException invalid(String path, String problem) {
		String where = path.isEmpty() ? "" : " at '" + path + "'";
		return new InvalidInputException("invalid inference request%s: %s".formatted(where, problem));
	}

	/**
	 * A value of the wrong JSON type.
	 * @param expected e.g. "an array of integers"
	 * @param found e.g. "a string"
	 */
	static InvalidInputException wrongType(String path, String expected, String found) {
		return invalid(path, "must be %s, not %s".formatted(expected, found));
	}

	static InvalidInputException notAnObject(String found) {
		return invalid("", "the body must be a JSON object, not " + found);
	}

	static InvalidInputException contentAfterTheRequest() {
		return invalid("", "unexpected content after the request object");
	}

	static InvalidInputException notAnInteger(String path, String number) {
		return invalid(path, "must be an integer, not " + number);
	}

	static InvalidInputException dimensionTooLarge(String path, String number) {
		return invalid(path, "%s is too large".formatted(number));
	}

	static InvalidInputException dataNotAnArray(String path) {
		return invalid(path, "'data' must be an array");
	}

	static InvalidInputException stringsInData(String path) {
		return invalid(path, "strings in 'data' (BYTES tensors) are not supported");
	}

	static InvalidInputException notAllowedInData(String path, String found) {
		return invalid(path, "'data' may hold only numbers, booleans and nested arrays, found " + found);
	}

	static InvalidInputException integerTooLarge(String path, String number) {
		return invalid(path, "integer %s in 'data' is too large; at most 2^53 in JSON".formatted(number));
	}

	static boolean exactInDouble(long integer) {
		return Math.abs(integer) <= MAX_EXACT_INTEGER;
	}

	/**
	 * The most numbers a body can hold (each takes at least two bytes, "0,"): data arrays
	 * never grow past it.
	 */
	static int maxValues(int bodyLength) {
		return bodyLength / 2 + 1;
	}

	/**
	 * The element count the shape declares, if it is plausible for this body; else a
	 * start of 1024.
	 * @param shape the input's shape when it came before its data (as clients usually
	 * send it), else null; with a shape the array is allocated at its final size, with no
	 * growing and no trimming copy
	 */
	static int initialCapacity(List<Long> shape, int maxValues) {
		int fallback = Math.min(1024, maxValues);
		if (shape == null) {
			return fallback;
		}
		// An empty shape is a scalar: one value.
		long elements = 1;
		for (long dimension : shape) {
			// Both factors at most maxValues (< 2^31): the product cannot overflow.
			if (dimension < 0 || dimension > maxValues || (elements *= dimension) > maxValues) {
				return fallback;
			}
		}
		return (int) elements;
	}

	/** The next size of a full data array of {@code length}. */
	static int grown(int length, int maxValues) {
		return (int) Math.max(length + 1L, Math.min(maxValues, length * 2L));
	}

}
