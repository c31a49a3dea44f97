package dev.berth.ml.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.berth.ml.inference.InvalidInputException;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads a V2 {@code $inference_request} straight off the JSON token stream: {@code data} goes into
 * one flat array as it is parsed, with no tree, no data binding and no bean validation in between
 * (together they cost more CPU than the forward pass of a small model). Unknown fields are skipped,
 * as the protocol's extensions may add some. Every problem is an {@link InvalidInputException}
 * naming the field, e.g. {@code inputs[0].shape}; malformed JSON leaves as Jackson's own exception.
 */
final class InferenceRequestReader {

    // Integers beyond this lose precision as doubles; INT64 ids that large need the binary extension.
    private static final long MAX_EXACT_INTEGER = 1L << 53;

    // Missing or blank required fields, gathered so that one answer lists them all.
    private final List<String> missing = new ArrayList<>();
    private final JsonParser parser;
    // The most numbers the body can hold (each takes at least two bytes, "0,"): arrays never grow past it.
    private final int maxValues;

    private InferenceRequestReader(JsonParser parser, long bodyBytes) {
        this.parser = parser;
        this.maxValues = bodyBytes < 0 ? Integer.MAX_VALUE - 8 : (int) Math.min(Integer.MAX_VALUE - 8, bodyBytes / 2 + 1);
    }

    /**
     * Reads one request from a parser positioned before (or at) its first token.
     *
     * @param bodyBytes the body's length when known (else -1): it bounds how far {@code data} arrays
     *     grow, so the largest allowed body never needs an array twice its size
     */
    static InferenceRequest read(JsonParser parser, long bodyBytes) {
        return new InferenceRequestReader(parser, bodyBytes).request();
    }

    private InferenceRequest request() {
        JsonToken first = parser.currentToken() != null ? parser.currentToken() : parser.nextToken();
        if (first != JsonToken.START_OBJECT) {
            throw invalid("", "the body must be a JSON object, not " + describe(first));
        }
        String id = null;
        Map<String, Object> parameters = null;
        List<InferenceRequest.Input> inputs = null;
        List<InferenceRequest.Output> outputs = null;
        for (String field = parser.nextName(); field != null; field = parser.nextName()) {
            JsonToken value = parser.nextToken();
            switch (field) {
                case "id" -> id = string(value, "id");
                case "parameters" -> parameters = object(value, "parameters");
                case "inputs" -> inputs = list(value, "inputs", this::input);
                case "outputs" -> outputs = list(value, "outputs", this::output);
                default -> parser.skipChildren();
            }
        }
        if (inputs == null || inputs.isEmpty()) {
            missing.add("'inputs' must not be empty");
        }
        if (parser.nextToken() != null) {
            throw invalid("", "unexpected content after the request object");
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException("invalid inference request: " + String.join("; ", missing.stream().sorted().toList()));
        }
        return new InferenceRequest(id, parameters, inputs, outputs);
    }

    private InferenceRequest.Input input(String path) {
        String name = null;
        List<Long> shape = null;
        String datatype = null;
        Map<String, Object> parameters = null;
        TensorData data = null;
        for (String field = parser.nextName(); field != null; field = parser.nextName()) {
            JsonToken value = parser.nextToken();
            switch (field) {
                case "name" -> name = string(value, path + ".name");
                case "shape" -> shape = shape(value, path + ".shape");
                case "datatype" -> datatype = string(value, path + ".datatype");
                case "parameters" -> parameters = object(value, path + ".parameters");
                case "data" -> data = value == JsonToken.VALUE_NULL ? null : data(path + ".data");
                default -> parser.skipChildren();
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
        for (String field = parser.nextName(); field != null; field = parser.nextName()) {
            JsonToken value = parser.nextToken();
            switch (field) {
                case "name" -> name = string(value, path + ".name");
                case "parameters" -> parameters = object(value, path + ".parameters");
                default -> parser.skipChildren();
            }
        }
        require(name, path + ".name");
        return new InferenceRequest.Output(name, parameters);
    }

    /** An array of objects, each read by {@code element} from just inside its braces. */
    private <T> List<T> list(JsonToken token, String path, Function<String, T> element) {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(token, JsonToken.START_ARRAY, path, "an array of objects");
        List<T> items = new ArrayList<>();
        for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
            String itemPath = path + "[" + items.size() + "]";
            if (next == JsonToken.VALUE_NULL) {
                missing.add("'%s' must not be null".formatted(itemPath));
                items.add(null);
                continue;
            }
            expect(next, JsonToken.START_OBJECT, itemPath, "an object");
            items.add(element.apply(itemPath));
        }
        return items;
    }

    private List<Long> shape(JsonToken token, String path) {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(token, JsonToken.START_ARRAY, path, "an array of integers");
        List<Long> shape = new ArrayList<>(4);
        for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
            String dimension = path + "[" + shape.size() + "]";
            expect(next, JsonToken.VALUE_NUMBER_INT, dimension, "an integer");
            if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw invalid(dimension, "%s is too large".formatted(parser.getText()));
            }
            long size = parser.getLongValue();
            if (size < 0) {
                missing.add("'%s' must be greater than or equal to 0".formatted(dimension));
            }
            shape.add(size);
        }
        return shape;
    }

    /** A (possibly nested) array of numbers or booleans, flattened row-major into doubles. */
    private TensorData data(String path) {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw invalid(path, "'data' must be an array");
        }
        double[] values = new double[Math.min(1024, maxValues)];
        int count = 0;
        boolean numbers = false;
        boolean booleans = false;
        int depth = 0;
        for (JsonToken token = parser.currentToken(); ; token = parser.nextToken()) {
            if (token == null) {
                throw invalid(path, "'data' ends early");
            }
            double value;
            switch (token) {
                case START_ARRAY -> {
                    depth++;
                    continue;
                }
                case END_ARRAY -> {
                    if (--depth == 0) {
                        return new TensorData(Arrays.copyOf(values, count), numbers, booleans);
                    }
                    continue;
                }
                case VALUE_NUMBER_FLOAT -> {
                    value = parser.getDoubleValue();
                    numbers = true;
                }
                case VALUE_NUMBER_INT -> {
                    if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                            || Math.abs(parser.getLongValue()) > MAX_EXACT_INTEGER) {
                        throw invalid(path, "integer %s in 'data' is too large; at most 2^53 in JSON".formatted(parser.getText()));
                    }
                    value = parser.getLongValue();
                    numbers = true;
                }
                case VALUE_TRUE, VALUE_FALSE -> {
                    value = token == JsonToken.VALUE_TRUE ? 1 : 0;
                    booleans = true;
                }
                case VALUE_STRING -> throw invalid(path, "strings in 'data' (BYTES tensors) are not supported");
                default -> throw invalid(path,
                        "'data' may hold only numbers, booleans and nested arrays, found " + describe(token));
            }
            if (count == values.length) {
                values = Arrays.copyOf(values, (int) Math.max(values.length + 1L, Math.min(maxValues, values.length * 2L)));
            }
            values[count++] = value;
        }
    }

    private String string(JsonToken token, String path) {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(token, JsonToken.VALUE_STRING, path, "a string");
        return parser.getString();
    }

    /** A parameters object, kept as plain maps, lists, strings, numbers and booleans. */
    private Map<String, Object> object(JsonToken token, String path) {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(token, JsonToken.START_OBJECT, path, "an object");
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) anyValue(token);
        return map;
    }

    private Object anyValue(JsonToken token) {
        if (token == null) {
            throw invalid("", "the body ends early");
        }
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (String field = parser.nextName(); field != null; field = parser.nextName()) {
                    map.put(field, anyValue(parser.nextToken()));
                }
                yield map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    list.add(anyValue(next));
                }
                yield list;
            }
            case VALUE_STRING -> parser.getString();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> null;
        };
    }

    private void require(String value, String path) {
        if (value == null || value.isBlank()) {
            missing.add("'%s' must not be blank".formatted(path));
        }
    }

    private void expect(JsonToken actual, JsonToken expected, String path, String what) {
        if (actual != expected) {
            throw invalid(path, "must be %s, not %s".formatted(what, describe(actual)));
        }
    }

    private static InvalidInputException invalid(String path, String problem) {
        String where = path.isEmpty() ? "" : " at '" + path + "'";
        return new InvalidInputException("invalid inference request%s: %s".formatted(where, problem));
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name();
        };
    }
}
