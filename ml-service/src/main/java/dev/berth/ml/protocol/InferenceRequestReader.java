package dev.berth.ml.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.berth.ml.inference.InvalidInputException;
import dev.berth.ml.protocol.JsonCursor.Kind;

/**
 * Reads a V2 {@code $inference_request} straight off the body's bytes with a
 * {@link JsonCursor}: {@code data} goes into one flat array as it is parsed, with no
 * tree, no data binding and no bean validation in between (together they cost more CPU
 * than the forward pass of a small model). Unknown fields are skipped, as the protocol's
 * extensions may add some. Every problem is an {@link InvalidInputException} naming the
 * field, e.g. {@code inputs[0].shape}, or, for a body that is not JSON, a
 * {@link MalformedJsonException} naming the line and column.
 */
final class InferenceRequestReader {

	// Integers beyond this lose precision as doubles; INT64 ids that large need the
	// binary extension.
	private static final long MAX_EXACT_INTEGER = 1L << 53;

	// Missing or blank required fields, gathered so that one answer lists them all.
	private final List<String> missing = new ArrayList<>();

	private final JsonCursor json;

	// The most numbers the body can hold (each takes at least two bytes, "0,"): arrays
	// never grow past it.
	private final int maxValues;

	private InferenceRequestReader(byte[] body) {
		this.json = new JsonCursor(body);
		this.maxValues = body.length / 2 + 1;
	}

	/** Reads one request from a whole body (UTF-8 JSON). */
	static InferenceRequest read(byte[] body) {
		return new InferenceRequestReader(body).request();
	}

	private InferenceRequest request() {
		Kind first = json.peek();
		if (first != Kind.OBJECT) {
			throw invalid("", "the body must be a JSON object, not " + describe(first));
		}
		json.beginObject();
		String id = null;
		Map<String, Object> parameters = null;
		List<InferenceRequest.Input> inputs = null;
		List<InferenceRequest.Output> outputs = null;
		for (String field = json.nextName(); field != null; field = json.nextName()) {
			switch (field) {
				case "id" -> id = string("id");
				case "parameters" -> parameters = object("parameters");
				case "inputs" -> inputs = list("inputs", this::input);
				case "outputs" -> outputs = list("outputs", this::output);
				default -> json.skipValue();
			}
		}
		if (inputs == null || inputs.isEmpty()) {
			missing.add("'inputs' must not be empty");
		}
		if (!json.atEnd()) {
			throw invalid("", "unexpected content after the request object");
		}
		if (!missing.isEmpty()) {
			throw new InvalidInputException(
					"invalid inference request: " + String.join("; ", missing.stream().sorted().toList()));
		}
		return new InferenceRequest(id, parameters, inputs, outputs);
	}

	private InferenceRequest.Input input(String path) {
		String name = null;
		List<Long> shape = null;
		String datatype = null;
		Map<String, Object> parameters = null;
		TensorData data = null;
		for (String field = json.nextName(); field != null; field = json.nextName()) {
			switch (field) {
				case "name" -> name = string(path + ".name");
				case "shape" -> shape = shape(path + ".shape");
				case "datatype" -> datatype = string(path + ".datatype");
				case "parameters" -> parameters = object(path + ".parameters");
				case "data" -> data = data(path + ".data", shape);
				default -> json.skipValue();
			}
		}
		require(name, path + ".name");
		require(datatype, path + ".datatype");
		if (shape == null) {
			missing.add("'%s.shape' must not be null".formatted(path));
		}
		if (data == null) {
			missing.add("'%s.data' must not be null".formatted(path));
		}
		return new InferenceRequest.Input(name, shape, datatype, parameters, data);
	}

	private InferenceRequest.Output output(String path) {
		String name = null;
		Map<String, Object> parameters = null;
		for (String field = json.nextName(); field != null; field = json.nextName()) {
			switch (field) {
				case "name" -> name = string(path + ".name");
				case "parameters" -> parameters = object(path + ".parameters");
				default -> json.skipValue();
			}
		}
		require(name, path + ".name");
		return new InferenceRequest.Output(name, parameters);
	}

	/** An array of objects, each read by {@code element} from just inside its braces. */
	private <T> List<T> list(String path, Function<String, T> element) {
		if (isNull()) {
			return null;
		}
		expect(Kind.ARRAY, path, "an array of objects");
		json.beginArray();
		List<T> items = new ArrayList<>();
		while (json.nextElement()) {
			String itemPath = path + "[" + items.size() + "]";
			if (isNull()) {
				missing.add("'%s' must not be null".formatted(itemPath));
				items.add(null);
				continue;
			}
			expect(Kind.OBJECT, itemPath, "an object");
			json.beginObject();
			items.add(element.apply(itemPath));
		}
		return items;
	}

	private List<Long> shape(String path) {
		if (isNull()) {
			return null;
		}
		expect(Kind.ARRAY, path, "an array of integers");
		json.beginArray();
		List<Long> shape = new ArrayList<>(4);
		while (json.nextElement()) {
			String dimension = path + "[" + shape.size() + "]";
			expect(Kind.NUMBER, dimension, "an integer");
			json.number();
			if (!json.integral()) {
				throw invalid(dimension, "must be an integer, not " + json.numberText());
			}
			Long size = json.numberAsLong();
			if (size == null) {
				throw invalid(dimension, "%s is too large".formatted(json.numberText()));
			}
			if (size < 0) {
				missing.add("'%s' must be greater than or equal to 0".formatted(dimension));
			}
			shape.add(size);
		}
		return shape;
	}

	/**
	 * A (possibly nested) array of numbers or booleans, flattened row-major into doubles.
	 * @param shape the input's shape when it came first (as clients usually send it),
	 * else null: then the array is allocated at its final size, with no growing and no
	 * trimming copy
	 */
	private TensorData data(String path, List<Long> shape) {
		if (isNull()) {
			return null;
		}
		if (json.peek() != Kind.ARRAY) {
			throw invalid(path, "'data' must be an array");
		}
		json.beginArray();
		double[] values = new double[initialCapacity(shape)];
		int count = 0;
		boolean numbers = false;
		boolean booleans = false;
		int depth = 1;
		while (depth > 0) {
			int read = json.shortDecimals(values, count);
			if (read > count) {
				count = read;
				numbers = true;
				continue;
			}
			if (!json.nextElement()) {
				depth--;
				continue;
			}
			Kind kind = json.peek();
			double value;
			switch (kind) {
				case ARRAY -> {
					json.beginArray();
					depth++;
					continue;
				}
				case NUMBER -> {
					value = json.number();
					if (json.integral() && Math.abs(value) >= MAX_EXACT_INTEGER
							&& !exactInDouble(json.numberAsLong())) {
						throw invalid(path,
								"integer %s in 'data' is too large; at most 2^53 in JSON".formatted(json.numberText()));
					}
					numbers = true;
				}
				case TRUE, FALSE -> {
					json.literal(kind);
					value = kind == Kind.TRUE ? 1 : 0;
					booleans = true;
				}
				case STRING -> throw invalid(path, "strings in 'data' (BYTES tensors) are not supported");
				default -> throw invalid(path,
						"'data' may hold only numbers, booleans and nested arrays, found " + describe(kind));
			}
			// Grown only for a value that does not fit: an array sized by the shape is
			// never copied.
			if (count == values.length) {
				values = Arrays.copyOf(values,
						(int) Math.max(values.length + 1L, Math.min(maxValues, values.length * 2L)));
			}
			values[count++] = value;
		}
		return new TensorData(count == values.length ? values : Arrays.copyOf(values, count), numbers, booleans);
	}

	/**
	 * The element count the shape declares, if it is plausible for this body; else a
	 * start of 1024.
	 */
	private int initialCapacity(List<Long> shape) {
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

	private static boolean exactInDouble(Long integer) {
		return integer != null && Math.abs(integer) <= MAX_EXACT_INTEGER;
	}

	/** Consumes a null and says so; otherwise leaves the value for the caller. */
	private boolean isNull() {
		if (json.peek() != Kind.NULL) {
			return false;
		}
		json.literal(Kind.NULL);
		return true;
	}

	private String string(String path) {
		if (isNull()) {
			return null;
		}
		expect(Kind.STRING, path, "a string");
		return json.string();
	}

	/** A parameters object, kept as plain maps, lists, strings, numbers and booleans. */
	private Map<String, Object> object(String path) {
		if (isNull()) {
			return null;
		}
		expect(Kind.OBJECT, path, "an object");
		@SuppressWarnings("unchecked")
		Map<String, Object> map = (Map<String, Object>) json.value();
		return map;
	}

	private void require(String value, String path) {
		if (value == null || value.isBlank()) {
			missing.add("'%s' must not be blank".formatted(path));
		}
	}

	private void expect(Kind expected, String path, String what) {
		Kind actual = json.peek();
		if (actual != expected) {
			throw invalid(path, "must be %s, not %s".formatted(what, describe(actual)));
		}
	}

	private static InvalidInputException invalid(String path, String problem) {
		String where = path.isEmpty() ? "" : " at '" + path + "'";
		return new InvalidInputException("invalid inference request%s: %s".formatted(where, problem));
	}

	private static String describe(Kind kind) {
		return switch (kind) {
			case OBJECT -> "an object";
			case ARRAY -> "an array";
			case STRING -> "a string";
			case NUMBER -> "a number";
			case TRUE, FALSE -> "a boolean";
			case NULL -> "null";
		};
	}

}
