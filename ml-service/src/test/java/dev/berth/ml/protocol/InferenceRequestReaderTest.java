package dev.berth.ml.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import dev.berth.ml.inference.InvalidInputException;
import dev.berth.ml.inference.Tensor;
import dev.berth.ml.inference.TensorDataType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.json.JsonMapper;

/**
 * What the request reader makes of valid and invalid bodies: the values Java would parse,
 * the answers the protocol's clients get.
 */
class InferenceRequestReaderTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String INPUTS = "[{\"name\": \"x\", \"shape\": [1], \"datatype\": \"FP32\", \"data\": [1]}]";

	@Test
	void readsEveryFieldAndSkipsUnknownOnes() {
		InferenceRequest request = read("""
				{"id": "r-1", "parameters": {"trace": true, "tags": ["a", 1]}, "extension": {"x": [1, 2]},
				 "inputs": [{"name": "x", "shape": [2, 2], "datatype": "FP32", "parameters": {"p": 1.5},
				             "data": [[1, 2.5], [3, 4]], "other": null}],
				 "outputs": [{"name": "y", "parameters": {"binary_data": false}}]}""");
		assertThat(request.id()).isEqualTo("r-1");
		assertThat(request.parameters()).containsEntry("trace", true).containsEntry("tags", List.of("a", 1));
		InferenceRequest.Input input = request.inputs().get(0);
		assertThat(input.name()).isEqualTo("x");
		assertThat(input.shape()).containsExactly(2L, 2L);
		assertThat(input.datatype()).isEqualTo("FP32");
		assertThat(input.parameters()).isEqualTo(Map.of("p", 1.5));
		assertThat(doubles(input.data())).containsExactly(1, 2.5, 3, 4);
		assertThat(request.outputs()).singleElement().satisfies(output -> {
			assertThat(output.name()).isEqualTo("y");
			assertThat(output.parameters()).isEqualTo(Map.of("binary_data", false));
		});
	}

	@Test
	void keepsParametersAsPlainJava() {
		String parameters = """
				{"s": "plain", "escapes": "q\\" \\u00e9\\ud83d\\ude00", "utf8": "\u00e9\u4e2d",
				 "numbers": [0, -0, 1, -2147483649, 2147483647, 98765432109876543210, 1.5, -0.0, 1e-7, 2E+3],
				 "literals": [true, false, null], "nested": {"a": [[], {}, [{"b": []}]]}, "": ""}""";
		InferenceRequest request = read("{\"parameters\": " + parameters + ", \"inputs\": " + INPUTS + "}");
		assertThat(request.parameters()).isEqualTo(JSON.readValue(parameters, Object.class));
	}

	@Test
	void flattensNestedDataRowMajorAndTurnsBooleansIntoOnesAndZeros() {
		TensorData numbers = data("[[1, 2.5], [3], [[4]]]");
		assertThat(doubles(numbers)).containsExactly(1, 2.5, 3, 4);
		assertThat(numbers.hasNumbers()).isTrue();
		assertThat(numbers.hasBooleans()).isFalse();
		TensorData booleans = data("[true, false]");
		assertThat(doubles(booleans)).containsExactly(1, 0);
		assertThat(booleans.hasBooleans()).isTrue();
		assertThat(booleans.hasNumbers()).isFalse();
	}

	@Test
	void growsPastItsInitialBuffer() {
		assertThat(doubles(data("[" + "0.5,".repeat(5000) + "1]"))).hasSize(5001);
	}

	@Test
	void readsDataWhicheverWayItsShapeAndLengthAgree() {
		for (String shape : List.of("[2, 2]", "[1000]", "[0]", "[]", "[2, 4611686018427387904]",
				"[4611686018427387904, 4]")) {
			String before = "{\"inputs\": [{\"name\": \"x\", \"datatype\": \"FP32\", \"shape\": " + shape
					+ ", \"data\": [[1, 2], [3, 4.5]]}]}";
			String after = "{\"inputs\": [{\"name\": \"x\", \"datatype\": \"FP32\", \"data\": [[1, 2], [3, 4.5]], \"shape\": "
					+ shape + "}]}";
			for (String json : List.of(before, after)) {
				assertThat(doubles(read(json).inputs().get(0).data())).as(json).containsExactly(1, 2, 3, 4.5);
			}
		}
	}

	@Test
	void readsFp32DataStraightIntoFloatsWhenItsDatatypeComesFirst() {
		TensorData first = input("\"datatype\": \"FP32\", \"data\": [0.1, 2]").data();
		assertThat(first.floats()).containsExactly(0.1f, 2f);
		assertThat(first.values()).isNull();
		TensorData dataFirst = input("\"data\": [0.1, 2], \"datatype\": \"FP32\"").data();
		assertThat(dataFirst.values()).containsExactly(0.1, 2);
		assertThat(dataFirst.floats()).isNull();
		TensorData fp64 = input("\"datatype\": \"FP64\", \"data\": [0.1, 2]").data();
		assertThat(fp64.values()).containsExactly(0.1, 2);
		assertThat(fp64.floats()).isNull();
	}

	@Test
	void listsEveryMissingFieldInOneMessage() {
		assertThatThrownBy(() -> read("{\"inputs\": [{\"name\": \"x\"}, null], \"outputs\": [{\"name\": \" \"}]}"))
			.isInstanceOf(InvalidInputException.class)
			.hasMessage("invalid inference request: 'inputs[0].data' must not be null; "
					+ "'inputs[0].datatype' must not be blank; 'inputs[0].shape' must not be null; "
					+ "'inputs[1]' must not be null; 'outputs[0].name' must not be blank");
		assertThatThrownBy(() -> read("{\"id\": \"no inputs\"}"))
			.hasMessage("invalid inference request: 'inputs' must not be empty");
		assertThatThrownBy(() -> read(
				"{\"inputs\": [{\"name\": \"x\", \"shape\": [1, -2], \"datatype\": \"FP32\", \"data\": [1]}]}"))
			.hasMessage("invalid inference request: 'inputs[0].shape[1]' must be greater than or equal to 0");
	}

	@Test
	void namesTheFieldOfAWrongType() {
		assertThatThrownBy(() -> read("[1, 2]"))
			.hasMessage("invalid inference request: the body must be a JSON object, not an array");
		assertThatThrownBy(() -> read("{\"inputs\": {\"name\": \"x\"}}"))
			.hasMessage("invalid inference request at 'inputs': must be an array of objects, not an object");
		assertThatThrownBy(() -> read("{\"inputs\": [7]}"))
			.hasMessage("invalid inference request at 'inputs[0]': must be an object, not a number");
		assertThatThrownBy(() -> read("{\"inputs\": [{\"shape\": [\"1\"]}]}"))
			.hasMessage("invalid inference request at 'inputs[0].shape[0]': must be an integer, not a string");
		assertThatThrownBy(() -> read("{\"inputs\": [{\"shape\": [1.0]}]}"))
			.hasMessage("invalid inference request at 'inputs[0].shape[0]': must be an integer, not 1.0");
		assertThatThrownBy(() -> read("{\"inputs\": [{\"shape\": [9223372036854775808]}]}"))
			.hasMessage("invalid inference request at 'inputs[0].shape[0]': 9223372036854775808 is too large");
		assertThatThrownBy(() -> read("{\"id\": 7, \"inputs\": []}"))
			.hasMessage("invalid inference request at 'id': must be a string, not a number");
		assertThatThrownBy(() -> read("{\"parameters\": [], \"inputs\": []}"))
			.hasMessage("invalid inference request at 'parameters': must be an object, not an array");
		assertThatThrownBy(() -> read("{\"id\": \"a\"} {\"id\": \"b\"}"))
			.hasMessage("invalid inference request: unexpected content after the request object");
	}

	@Test
	void rejectsStringsNullsAndIntegersTooLargeForADouble() {
		assertThatThrownBy(() -> data("[\"seven\"]")).isInstanceOf(InvalidInputException.class)
			.hasMessage(
					"invalid inference request at 'inputs[0].data': strings in 'data' (BYTES tensors) are not supported");
		assertThatThrownBy(() -> data("[1, null]"))
			.hasMessageEndingWith("'data' may hold only numbers, booleans and nested arrays, found null");
		assertThatThrownBy(() -> data("[[{}]]"))
			.hasMessageEndingWith("'data' may hold only numbers, booleans and nested arrays, found an object");
		assertThatThrownBy(() -> data("[9007199254740993]"))
			.hasMessageEndingWith("integer 9007199254740993 in 'data' is too large; at most 2^53 in JSON");
		assertThatThrownBy(() -> data("[-98765432109876543210]"))
			.hasMessageEndingWith("integer -98765432109876543210 in 'data' is too large; at most 2^53 in JSON");
		assertThat(doubles(data("[9007199254740992, -9007199254740992]"))).containsExactly(9007199254740992.0,
				-9007199254740992.0);
		assertThatThrownBy(() -> data("7")).hasMessageEndingWith("'data' must be an array");
	}

	@Test
	void fp32ValuesOutsideItsRangeAreNamedAsWritten() {
		InferenceRequest.Input input = read(
				"{\"inputs\": [{\"name\": \"x\", \"shape\": [3], \"datatype\": \"FP32\", \"data\": [0.5, 1e39, 2]}]}")
			.inputs()
			.get(0);
		assertThatThrownBy(input::toTensor).isInstanceOf(InvalidInputException.class)
			.hasMessage("input 'x': element 1 (1.0E39) is not a valid FP32 value");
	}

	@Test
	void reportsMalformedJsonWithItsLineAndColumn() {
		assertThatThrownBy(() -> read("{\"inputs\": [")).isInstanceOf(MalformedJsonException.class)
			.hasMessageStartingWith("malformed JSON (line 1, column 13): ");
		assertThatThrownBy(() -> read("{\"inputs\": [{\"data\":\n [NaN]}]}")).isInstanceOf(MalformedJsonException.class)
			.hasMessageStartingWith("malformed JSON (line 2, column ");
		assertThatThrownBy(() -> read(" \n")).isInstanceOf(MalformedJsonException.class)
			.hasMessage("malformed JSON (line 2, column 1): the body ends where a value was expected");
		assertThatThrownBy(() -> read("")).isInstanceOf(MalformedJsonException.class)
			.hasMessage("malformed JSON (line 1, column 1): the body ends where a value was expected");
	}

	/**
	 * Whatever is wrong, wherever in the body, the answer names where and says what in
	 * plain words: no class, feature or token names.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "{", "[", "[1,]", "{\"a\":1,}", "{,}", "[,1]", "{\"a\" 1}", "{a:1}", "['a']", "[1 2]",
			"[01]", "[1.]", "[.5]", "[-]", "[1e]", "[1e+]", "[+1]", "[NaN]", "[Infinity]", "[-Infinity]", "[0x10]",
			"[tru]", "[nul]", "[truex]", "[1a]", "[\"unterminated]", "[\"\\x\"]", "[\"\\u12\"]", "[\"\\u12g4\"]",
			"[\"tab\there\"]", "{\"a\":1]", "[1}", "\"no end", "{\"unterminated" })
	void rejectsWhatIsNotJsonInPlainWords(String value) {
		for (String json : List.of("{\"id\": \"x\", \"extension\": " + value + "}",
				"{\"parameters\": {\"p\": " + value + "}}")) {
			assertThatThrownBy(() -> read(json)).as(json)
				.isInstanceOf(MalformedJsonException.class)
				.hasMessageStartingWith("malformed JSON (line 1, column ")
				.message()
				.doesNotContain("`", "Source", "REDACTED", "VALUE_", "PROPERTY_", "Exception", "jackson");
		}
	}

	@Test
	void takesUtf8Only() {
		String json = "{\"id\": \"\u00e9\", \"inputs\": " + INPUTS + "}";
		assertThat(read(json).id()).isEqualTo("\u00e9");
		for (Charset other : List.of(StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16)) {
			assertThatThrownBy(() -> InferenceRequestReader.read(json.getBytes(other))).as(other.name())
				.isInstanceOf(MalformedJsonException.class)
				.hasMessageStartingWith("malformed JSON (line 1, column ");
		}
		byte[] withByteOrderMark = ("\ufeff" + json).getBytes(StandardCharsets.UTF_8);
		assertThatThrownBy(() -> InferenceRequestReader.read(withByteOrderMark))
			.isInstanceOf(MalformedJsonException.class)
			.hasMessageStartingWith("malformed JSON (line 1, column 1): ");
		for (String field : List.of("id", "extension")) {
			byte[] invalid = ("{\"" + field + "\": \"\u00e9\"}").getBytes(StandardCharsets.ISO_8859_1);
			assertThatThrownBy(() -> InferenceRequestReader.read(invalid)).as(field)
				.isInstanceOf(MalformedJsonException.class)
				.hasMessageStartingWith("malformed JSON (line 1, column ");
		}
	}

	@Test
	void limitsNestingAndNumberLength() {
		String deep = "[".repeat(501) + "]".repeat(501);
		assertThatThrownBy(() -> read("{\"extension\": " + deep + "}")).isInstanceOf(MalformedJsonException.class)
			.hasMessageStartingWith("malformed JSON (line 1, column ")
			.hasMessageContaining("500");
		assertThatThrownBy(() -> data("[" + "1".repeat(1001) + "]")).isInstanceOf(MalformedJsonException.class)
			.hasMessageStartingWith("malformed JSON (line 1, column ")
			.hasMessageContaining("1000");
	}

	/**
	 * Each number becomes the tensor value that the double Java parses from its text
	 * gives, bit for bit, or the same answer when it does not fit the datatype, whatever
	 * the number's shape: short pixels, long mantissas, tiny and huge exponents,
	 * subnormals, negative zeros.
	 */
	@Test
	void everyNumberBecomesWhatTheDoubleJavaParsesFromItsTextGives() {
		Random random = new Random(20261204);
		for (int round = 0; round < 300; round++) {
			// Every other round within FP32's range, so that both answers are compared.
			boolean fp32Range = round % 2 == 0;
			List<String> texts = new ArrayList<>();
			while (texts.size() < 200) {
				String text = random.nextInt(50) == 0 ? "-0" : dataNumber(random);
				if (!fp32Range || Math.abs(Double.parseDouble(text)) <= Float.MAX_VALUE) {
					texts.add(text);
				}
			}
			String array = "[" + String.join(random.nextBoolean() ? "," : ", ", texts) + "]";
			double[] parsed = texts.stream().mapToDouble(Double::parseDouble).toArray();
			for (TensorDataType datatype : List.of(TensorDataType.FP32, TensorDataType.FP64)) {
				InferenceRequest.Input input = read("{\"inputs\": [{\"name\": \"x\", \"shape\": [200], \"datatype\": \""
						+ datatype + "\", \"data\": " + array + "}]}")
					.inputs()
					.get(0);
				assertThat(outcome(input::toTensor)).as(array)
					.isEqualTo(outcome(() -> Tensor.fromValues("x", datatype, new long[] { 200 }, parsed)));
			}
		}
	}

	@Test
	void readsTheBenchmarksRequestAsJacksonDoes() {
		StringBuilder pixels = new StringBuilder();
		Random random = new Random(7);
		for (int i = 0; i < 784; i++) {
			pixels.append(i == 0 ? "" : ",")
				.append(random.nextInt(3) == 0 ? "0.0" : Float.toString(random.nextFloat()));
		}
		String json = "{\"inputs\":[{\"name\":\"input__0\",\"shape\":[1,1,28,28],\"datatype\":\"FP32\",\"data\":["
				+ pixels + "]}]}";
		double[] jackson = JSON.readTree(json)
			.get("inputs")
			.get(0)
			.get("data")
			.valueStream()
			.mapToDouble(node -> node.doubleValue())
			.toArray();
		float[] expected = new float[jackson.length];
		for (int i = 0; i < expected.length; i++) {
			expected[i] = (float) jackson[i];
		}
		InferenceRequest.Input input = read(json).inputs().get(0);
		assertThat(input.shape()).containsExactly(1L, 1L, 28L, 28L);
		assertThat((float[]) input.toTensor().data()).containsExactly(expected);
	}

	/** A random number that 'data' may hold: integers only up to 2^53. */
	private static String dataNumber(Random random) {
		while (true) {
			String text = randomNumber(random);
			if (text.matches("-?\\d+") && new BigInteger(text).abs().bitLength() > 53) {
				continue;
			}
			return text;
		}
	}

	/**
	 * JSON numbers of every shape: short pixels, long mantissas, tiny and huge exponents,
	 * subnormals.
	 */
	private static String randomNumber(Random random) {
		StringBuilder text = new StringBuilder();
		if (random.nextBoolean()) {
			text.append('-');
		}
		int integerDigits = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(random.nextBoolean() ? 3 : 20);
		if (integerDigits == 0) {
			text.append('0');
		}
		else {
			text.append((char) ('1' + random.nextInt(9)));
			for (int i = 1; i < integerDigits; i++) {
				text.append((char) ('0' + random.nextInt(10)));
			}
		}
		if (random.nextInt(3) > 0) {
			text.append('.');
			int fractionDigits = 1 + random.nextInt(random.nextBoolean() ? 4 : 25);
			for (int i = 0; i < fractionDigits; i++) {
				text.append((char) ('0' + random.nextInt(random.nextInt(4) == 0 ? 1 : 10)));
			}
		}
		if (random.nextInt(4) == 0) {
			text.append(random.nextBoolean() ? 'e' : 'E');
			int sign = random.nextInt(3);
			text.append(sign == 0 ? "" : sign == 1 ? "+" : "-");
			text.append(random.nextInt(random.nextBoolean() ? 30 : 340));
		}
		return text.toString();
	}

	private static TensorData data(String json) {
		return read("{\"inputs\": [{\"name\": \"x\", \"shape\": [1], \"datatype\": \"FP32\", \"data\": " + json + "}]}")
			.inputs()
			.get(0)
			.data();
	}

	/** The one input of a request whose input has name, shape and {@code fields}. */
	private static InferenceRequest.Input input(String fields) {
		return read("{\"inputs\": [{\"name\": \"x\", \"shape\": [2], " + fields + "}]}").inputs().get(0);
	}

	/** Whichever way the reader kept them: FP32 values read as floats, widened back. */
	private static double[] doubles(TensorData data) {
		if (data.floats() == null) {
			return data.values();
		}
		double[] values = new double[data.floats().length];
		for (int i = 0; i < values.length; i++) {
			values[i] = data.floats()[i];
		}
		return values;
	}

	/** A tensor's values as bits, or the answer when there is no tensor. */
	private static Object outcome(Supplier<Tensor> tensor) {
		try {
			Object data = tensor.get().data();
			if (data instanceof float[] floats) {
				return IntStream.range(0, floats.length).map(i -> Float.floatToRawIntBits(floats[i])).boxed().toList();
			}
			return Arrays.stream((double[]) data).mapToLong(Double::doubleToRawLongBits).boxed().toList();
		}
		catch (InvalidInputException ex) {
			return ex.getMessage();
		}
	}

	private static InferenceRequest read(String json) {
		return InferenceRequestReader.read(json.getBytes(StandardCharsets.UTF_8));
	}

}
