package dev.berth.ml.protocol;

import java.util.Arrays;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/** Streams a (possibly nested) JSON array of numbers or booleans into a flat {@link TensorData}. */
final class TensorDataDeserializer extends ValueDeserializer<TensorData> {

    // Integers beyond this lose precision as doubles; INT64 ids that large need the binary extension.
    private static final long MAX_EXACT_INTEGER = 1L << 53;

    @Override
    public TensorData deserialize(JsonParser parser, DeserializationContext context) {
        if (!parser.isExpectedStartArrayToken()) {
            return context.reportInputMismatch(this, "'data' must be an array");
        }
        double[] values = new double[1024];
        int count = 0;
        boolean numbers = false;
        boolean booleans = false;
        int depth = 0;
        JsonToken token = parser.currentToken();
        while (true) {
            if (token == null) {
                return context.reportInputMismatch(this, "'data' ends early");
            }
            double value;
            switch (token) {
                case START_ARRAY -> {
                    depth++;
                    token = parser.nextToken();
                    continue;
                }
                case END_ARRAY -> {
                    depth--;
                    if (depth == 0) {
                        return new TensorData(Arrays.copyOf(values, count), numbers, booleans);
                    }
                    token = parser.nextToken();
                    continue;
                }
                case VALUE_NUMBER_INT -> {
                    if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                            || Math.abs(parser.getLongValue()) > MAX_EXACT_INTEGER) {
                        return context.reportInputMismatch(this,
                                "integer %s in 'data' is too large; at most 2^53 in JSON", parser.getText());
                    }
                    value = parser.getLongValue();
                    numbers = true;
                }
                case VALUE_NUMBER_FLOAT -> {
                    value = parser.getDoubleValue();
                    numbers = true;
                }
                case VALUE_TRUE, VALUE_FALSE -> {
                    value = token == JsonToken.VALUE_TRUE ? 1 : 0;
                    booleans = true;
                }
                case VALUE_STRING -> {
                    return context.reportInputMismatch(this,
                            "strings in 'data' (BYTES tensors) are not supported");
                }
                default -> {
                    return context.reportInputMismatch(this,
                            "'data' may hold only numbers, booleans and nested arrays, found %s", token);
                }
            }
            if (count == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[count++] = value;
            token = parser.nextToken();
        }
    }
}
