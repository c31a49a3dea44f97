package dev.berth.ml.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.berth.ml.protocol.JsonCursor.Kind;

/**
 * The {@link InferenceRequestReader} on {@link JsonCursor}, the hand-written strict JSON
 * reader: short decimals become doubles straight from the body's bytes.
 */
final class CursorRequestReader {

	private final RequestChecks checks = new RequestChecks();

	private final JsonCursor json;

	private final int maxValues;

	private CursorRequestReader(byte[] body) {
		this.json = new JsonCursor(body);
		this.maxValues = RequestChecks.maxValues(body.length);
	}

	/** Reads one request from a whole body (UTF-8 JSON). */
	static InferenceRequest read(byte[] body) {
		return new CursorRequestReader(body).request();
	}

	private InferenceRequest request() {
		Kind first = json.peek();
		if (first != Kind.OBJECT) {
			throw RequestChecks.notAnObject(describe(first));
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
		checks.requireInputs(inputs);
		if (!json.atEnd()) {
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
			switch (field) {
				case "name" -> name = string(path + ".name");
				case "shape" -> shape = shape(path + ".shape");
				case "datatype" -> datatype = string(path + ".datatype");
				case "parameters" -> parameters = object(path + ".parameters");
				case "data" -> data = data(path + ".data", shape);
				default -> json.skipValue();
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
			switch (field) {
				case "name" -> name = string(path + ".name");
				case "parameters" -> parameters = object(path + ".parameters");
				default -> json.skipValue();
			}
		}
		checks.requireText(name, path + ".name");
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
				checks.requirePresent(null, itemPath);
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
				throw RequestChecks.notAnInteger(dimension, json.numberText());
			}
			Long size = json.numberAsLong();
			if (size == null) {
				throw RequestChecks.dimensionTooLarge(dimension, json.numberText());
			}
			checks.requireNonNegative(size, dimension);
			shape.add(size);
		}
		return shape;
	}

	/**
	 * A (possibly nested) array of numbers or booleans, flattened row-major into doubles.
	 * @param shape the input's shape when it came first, else null (see
	 * {@link RequestChecks#initialCapacity})
	 */
	private TensorData data(String path, List<Long> shape) {
		if (isNull()) {
			return null;
		}
		if (json.peek() != Kind.ARRAY) {
			throw RequestChecks.dataNotAnArray(path);
		}
		json.beginArray();
		double[] values = new double[RequestChecks.initialCapacity(shape, maxValues)];
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
					if (json.integral() && Math.abs(value) >= RequestChecks.MAX_EXACT_INTEGER
							&& !exactInDouble(json.numberAsLong())) {
						throw RequestChecks.integerTooLarge(path, json.numberText());
					}
					numbers = true;
				}
				case TRUE, FALSE -> {
					json.literal(kind);
					value = kind == Kind.TRUE ? 1 : 0;
					booleans = true;
				}
				case STRING -> throw RequestChecks.stringsInData(path);
				default -> throw RequestChecks.notAllowedInData(path, describe(kind));
			}
			// Grown only for a value that does not fit: an array sized by the shape is
			// never copied.
			if (count == values.length) {
				values = Arrays.copyOf(values, RequestChecks.grown(values.length, maxValues));
			}
			values[count++] = value;
		}
		return new TensorData(count == values.length ? values : Arrays.copyOf(values, count), numbers, booleans);
	}

	private static boolean exactInDouble(Long integer) {
		return integer != null && RequestChecks.exactInDouble(integer);
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

	private void expect(Kind expected, String path, String what) {
		Kind actual = json.peek();
		if (actual != expected) {
			throw RequestChecks.wrongType(path, what, describe(actual));
		}
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
