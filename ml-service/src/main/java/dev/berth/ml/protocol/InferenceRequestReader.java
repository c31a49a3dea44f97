package dev.berth.ml.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a V2 {@code $inference_request} from a whole body of UTF-8 JSON, straight into an
 * {@link InferenceRequest}, on Jackson's streaming parser ({@link JsonParser}) with its
 * fast floating-point parsing on: {@code data} goes into one flat array as it is parsed,
 * with no tree, no data binding and no bean validation in between (together they cost
 * more CPU than the forward pass of a small model). FP32 data whose datatype came before
 * it is narrowed into a {@code float[]} as it is read, with the rounding it would get as
 * a double first; any other data becomes doubles. Unknown fields are skipped, as the
 * protocol's extensions may add some. Every problem is an
 * {@link dev.berth.ml.inference.InvalidInputException} worded by {@link RequestChecks},
 * naming the field, e.g. {@code inputs[0].shape}, or, for a body that is not JSON, a
 * {@link MalformedJsonException} naming the line and column.
 */
final class InferenceRequestReader {

	// Jackson's defaults, stated: a body of brackets cannot exhaust the stack, nor one
	// long number the CPU.
	private static final JsonFactory JSON = JsonFactory.builder()
		.enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
		.enable(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
		.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(500).maxNumberLength(1000).build())
		.build();

	// Parts of Jackson's messages that name its own classes, features or token types.
	private static final Pattern SOURCE = Pattern
		.compile("\\s*\\((?:start marker at|for \\w+ starting at) \\[Source:.*$");

	private static final Pattern FEATURE = Pattern.compile(":\\s*enable `[^`]*` to allow.*$");

	private static final Pattern CONSTRAINT = Pattern.compile(", from `[^`]*`");

	private final RequestChecks checks = new RequestChecks();

	private final JsonParser json;

	private final int maxValues;

	private InferenceRequestReader(JsonParser json, int bodyLength) {
		this.json = json;
		this.maxValues = RequestChecks.maxValues(bodyLength);
	}

	/** Reads one request from a whole body (UTF-8 JSON). */
	static InferenceRequest read(byte[] body) {
		requireUtf8(body);
		JsonParser json = JSON.createParser(ObjectReadContext.empty(), body);
		try {
			return new InferenceRequestReader(json, body.length).request();
		}
		catch (JacksonException ex) {
			throw malformed(ex, json.currentLocation());
		}
		finally {
			json.close();
		}
	}

	/**
	 * Jackson detects UTF-16 and UTF-32 by their zero bytes and skips a byte order mark;
	 * JSON between systems must be UTF-8 (RFC 8259), so such bodies are refused here.
	 */
	private static void requireUtf8(byte[] body) {
		for (int i = 0; i < Math.min(2, body.length); i++) {
			if (body[i] == 0 || (i == 0 && body[i] < 0)) {
				throw MalformedJsonException.at(1, i + 1,
						"unexpected byte 0x%02x; the body must be JSON in UTF-8".formatted(body[i] & 0xff));
			}
		}
	}

	private InferenceRequest request() {
		JsonToken first = json.nextToken();
		if (first == null) {
			TokenStreamLocation end = json.currentLocation();
			throw MalformedJsonException.at(end.getLineNr(), end.getColumnNr(),
					"the body ends where a value was expected");
		}
		if (first != JsonToken.START_OBJECT) {
			throw RequestChecks.notAnObject(describe(first));
		}
		String id = null;
		Map<String, Object> parameters = null;
		List<InferenceRequest.Input> inputs = null;
		List<InferenceRequest.Output> outputs = null;
		for (String field = json.nextName(); field != null; field = json.nextName()) {
			json.nextToken();
			switch (field) {
				case "id" -> id = string("id");
				case "parameters" -> parameters = object("parameters");
				case "inputs" -> inputs = list("inputs", this::input);
				case "outputs" -> outputs = list("outputs", this::output);
				default -> json.skipChildren();
			}
		}
		checks.requireInputs(inputs);
		if (json.nextToken() != null) {
			throw RequestChecks.contentAfterTheRequest();
		}
		checks.missing();
		return new InferenceRequest(id, parameters, inputs, outputs);
	}

	private InferenceRequest.Input input(String path) {
		String name = null;
		List<Long> shape = null;
		String datatype = null;
		Map<String, Object> parameters = null;
		TensorData data = null;
		for (String field = json.nextName(); field != null; field = json.nextName()) {
			json.nextToken();
			switch (field) {
				case "name" -> name = string(path + ".name");
				case "shape" -> shape = shape(path + ".shape");
				case "datatype" -> datatype = string(path + ".datatype");
				case "parameters" -> parameters = object(path + ".parameters");
				case "data" -> data = data(path + ".data", shape, "FP32".equals(datatype));
				default -> json.skipChildren();
			}
		}
		checks.requireText(name, path + ".name");
		checks.requireText(datatype, path + ".datatype");
		checks.requirePresent(shape, path + ".shape");
		checks.requirePresent(data, path + ".data");
		return new InferenceRequest.Input(name, shape, datatype, parameters, data);
	}

	private InferenceRequest.Output output(String path) {
		String name = null;
		Map<String, Object> parameters = null;
		for (String field = json.nextName(); field != null; field = json.nextName()) {
			json.nextToken();
			switch (field) {
				case "name" -> name = string(path + ".name");
				case "parameters" -> parameters = object(path + ".parameters");
				default -> json.skipChildren();
			}
		}
		checks.requireText(name, path + ".name");
		return new InferenceRequest.Output(name, parameters);
	}

	/** An array of objects, each read by {@code element} from just inside its braces. */
	private <T> List<T> list(String path, Function<String, T> element) {
		if (json.currentToken() == JsonToken.VALUE_NULL) {
			return null;
		}
		expect(JsonToken.START_ARRAY, path, "an array of objects");
		List<T> items = new ArrayList<>();
		for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
			String itemPath = path + "[" + items.size() + "]";
			if (token == JsonToken.VALUE_NULL) {
				checks.requirePresent(null, itemPath);
				items.add(null);
				continue;
			}
			expect(JsonToken.START_OBJECT, itemPath, "an object");
			items.add(element.apply(itemPath));
		}
		return items;
	}

	private List<Long> shape(String path) {
		if (json.currentToken() == JsonToken.VALUE_NULL) {
			return null;
		}
		expect(JsonToken.START_ARRAY, path, "an array of integers");
		List<Long> shape = new ArrayList<>(4);
		for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
			String dimension = path + "[" + shape.size() + "]";
			if (token == JsonToken.VALUE_NUMBER_FLOAT) {
				throw RequestChecks.notAnInteger(dimension, json.getString());
			}
			expect(JsonToken.VALUE_NUMBER_INT, dimension, "an integer");
			if (json.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
				throw RequestChecks.dimensionTooLarge(dimension, json.getString());
			}
			long size = json.getLongValue();
			checks.requireNonNegative(size, dimension);
			shape.add(size);
		}
		return shape;
	}

	/**
	 * A (possibly nested) array of numbers or booleans, flattened row-major.
	 * @param shape the input's shape when it came first, else null (see
	 * {@link RequestChecks#initialCapacity})
	 * @param narrow whether to narrow the values into floats (FP32 data)
	 */
	private TensorData data(String path, List<Long> shape, boolean narrow) {
		if (json.currentToken() == JsonToken.VALUE_NULL) {
			return null;
		}
		if (json.currentToken() != JsonToken.START_ARRAY) {
			throw RequestChecks.dataNotAnArray(path);
		}
		int capacity = RequestChecks.initialCapacity(shape, maxValues);
		float[] singles = narrow ? new float[capacity] : null;
		double[] values = narrow ? null : new double[capacity];
		int count = 0;
		boolean numbers = false;
		boolean booleans = false;
		int depth = 1;
		while (depth > 0) {
			JsonToken token = json.nextToken();
			double value;
			switch (token) {
				case VALUE_NUMBER_FLOAT -> {
					value = json.getDoubleValue();
					numbers = true;
				}
				case VALUE_NUMBER_INT -> {
					value = integer(path);
					numbers = true;
				}
				case START_ARRAY -> {
					depth++;
					continue;
				}
				case END_ARRAY -> {
					depth--;
					continue;
				}
				case VALUE_TRUE, VALUE_FALSE -> {
					value = token == JsonToken.VALUE_TRUE ? 1 : 0;
					booleans = true;
				}
				case VALUE_STRING -> throw RequestChecks.stringsInData(path);
				default -> throw RequestChecks.notAllowedInData(path, describe(token));
			}
			if (singles != null) {
				float single = (float) value;
				if (!Float.isInfinite(single) || Double.isInfinite(value)) {
					if (count == singles.length) {
						singles = Arrays.copyOf(singles, RequestChecks.grown(count, maxValues));
					}
					singles[count++] = single;
					continue;
				}
				// Beyond FP32's range: the rest stays double, so that the tensor check
				// names this value as written.
				values = new double[singles.length];
				for (int i = 0; i < count; i++) {
					values[i] = singles[i];
				}
				singles = null;
			}
			// Grown only for a value that does not fit: an array sized by the shape is
			// never copied.
			if (count == values.length) {
				values = Arrays.copyOf(values, RequestChecks.grown(count, maxValues));
			}
			values[count++] = value;
		}
		if (singles != null) {
			return new TensorData(count == singles.length ? singles : Arrays.copyOf(singles, count), numbers, booleans);
		}
		return new TensorData(count == values.length ? values : Arrays.copyOf(values, count), numbers, booleans);
	}

	/** An integer of {@code data} as the double that Java parses from its text. */
	private double integer(String path) {
		switch (json.getNumberType()) {
			case INT -> {
				int value = json.getIntValue();
				// "-0" is an int 0 to Jackson, and -0.0 to Double.parseDouble.
				return value == 0 && json.getStringCharacters()[json.getStringOffset()] == '-' ? -0.0 : value;
			}
			case LONG -> {
				long value = json.getLongValue();
				if (!RequestChecks.exactInDouble(value)) {
					throw RequestChecks.integerTooLarge(path, json.getString());
				}
				return value;
			}
			default -> throw RequestChecks.integerTooLarge(path, json.getString());
		}
	}

	private String string(String path) {
		if (json.currentToken() == JsonToken.VALUE_NULL) {
			return null;
		}
		expect(JsonToken.VALUE_STRING, path, "a string");
		return json.getString();
	}

	/** A parameters object, kept as plain maps, lists, strings, numbers and booleans. */
	private Map<String, Object> object(String path) {
		if (json.currentToken() == JsonToken.VALUE_NULL) {
			return null;
		}
		expect(JsonToken.START_OBJECT, path, "an object");
		@SuppressWarnings("unchecked")
		Map<String, Object> map = (Map<String, Object>) value();
		return map;
	}

	/**
	 * The current value as plain Java: maps (in member order), lists, strings, booleans,
	 * null, and numbers as Integer, Long or BigInteger when integral, else Double.
	 */
	private Object value() {
		JsonToken token = json.currentToken();
		return switch (token) {
			case START_OBJECT -> {
				Map<String, Object> map = new LinkedHashMap<>();
				for (String name = json.nextName(); name != null; name = json.nextName()) {
					json.nextToken();
					map.put(name, value());
				}
				yield map;
			}
			case START_ARRAY -> {
				List<Object> list = new ArrayList<>();
				while (json.nextToken() != JsonToken.END_ARRAY) {
					list.add(value());
				}
				yield list;
			}
			case VALUE_STRING -> json.getString();
			case VALUE_NUMBER_INT -> json.getNumberValue();
			case VALUE_NUMBER_FLOAT -> json.getDoubleValue();
			case VALUE_TRUE -> true;
			case VALUE_FALSE -> false;
			case VALUE_NULL -> null;
			default -> throw new IllegalStateException("unexpected " + token + " for a value");
		};
	}

	private void expect(JsonToken expected, String path, String what) {
		JsonToken actual = json.currentToken();
		if (actual != expected) {
			throw RequestChecks.wrongType(path, what, describe(actual));
		}
	}

	private static String describe(JsonToken token) {
		return switch (token) {
			case START_OBJECT -> "an object";
			case START_ARRAY -> "an array";
			case VALUE_STRING -> "a string";
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
			case VALUE_TRUE, VALUE_FALSE -> "a boolean";
			case VALUE_NULL -> "null";
			default -> String.valueOf(token);
		};
	}

	/**
	 * Jackson's syntax error as ml-service words one: where, then Jackson's first
	 * sentence without the names of its classes and features.
	 */
	private static MalformedJsonException malformed(JacksonException ex, TokenStreamLocation current) {
		// Constraint violations (nesting, number length) come without a location.
		TokenStreamLocation where = ex.getLocation() != null ? ex.getLocation() : current;
		String message = String.valueOf(ex.getOriginalMessage()).strip().split("\\R", 2)[0];
		message = SOURCE.matcher(message).replaceAll("");
		message = FEATURE.matcher(message).replaceAll("");
		message = CONSTRAINT.matcher(message).replaceAll("");
		message = message.replace("VALUE_STRING", "a string").replace("PROPERTY_NAME", "a member name");
		if (!message.isEmpty()) {
			message = Character.toLowerCase(message.charAt(0)) + message.substring(1);
		}
		return MalformedJsonException.at(where.getLineNr(), where.getColumnNr(), message);
	}

}
