package dev.berth.ml.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.berth.ml.inference.InvalidInputException;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class InferenceRequestReaderTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

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
		assertThat(input.data().values()).containsExactly(1, 2.5, 3, 4);
		assertThat(request.outputs()).singleElement().satisfies(output -> {
			assertThat(output.name()).isEqualTo("y");
			assertThat(output.parameters()).isEqualTo(Map.of("binary_data", false));
		});
	}

	@Test
	void flattensNestedDataRowMajorAndTurnsBooleansIntoOnesAndZeros() {
		TensorData numbers = data("[[1, 2.5], [3], [[4]]]");
		assertThat(numbers.values()).containsExactly(1, 2.5, 3, 4);
		assertThat(numbers.hasNumbers()).isTrue();
		assertThat(numbers.hasBooleans()).isFalse();
		TensorData booleans = data("[true, false]");
		assertThat(booleans.values()).containsExactly(1, 0);
		assertThat(booleans.hasBooleans()).isTrue();
		assertThat(booleans.hasNumbers()).isFalse();
	}

	@Test
	void growsPastItsInitialBuffer() {
		assertThat(data("[" + "0.5,".repeat(5000) + "1]").values()).hasSize(5001);
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
				assertThat(read(json).inputs().get(0).data().values()).as(json).containsExactly(1, 2, 3, 4.5);
			}
		}
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
		assertThatThrownBy(() -> read("{\"inputs\": [{\"shape\": [\"1\"]}]}"))
			.hasMessage("invalid inference request at 'inputs[0].shape[0]': must be an integer, not a string");
		assertThatThrownBy(() -> read("{\"id\": 7, \"inputs\": []}"))
			.hasMessage("invalid inference request at 'id': must be a string, not a number");
	}

	@Test
	void rejectsStringsNullsAndIntegersTooLargeForADouble() {
		assertThatThrownBy(() -> data("[\"seven\"]")).isInstanceOf(InvalidInputException.class)
			.hasMessage(
					"invalid inference request at 'inputs[0].data': strings in 'data' (BYTES tensors) are not supported");
		assertThatThrownBy(() -> data("[1, null]"))
			.hasMessageEndingWith("'data' may hold only numbers, booleans and nested arrays, found null");
		assertThatThrownBy(() -> data("[9007199254740993]")).hasMessageContaining("is too large");
		assertThatThrownBy(() -> data("7")).hasMessageEndingWith("'data' must be an array");
	}

	@Test
	void reportsMalformedJsonWithItsLineAndColumn() {
		assertThatThrownBy(() -> read("{\"inputs\": [")).isInstanceOf(MalformedJsonException.class)
			.hasMessage("malformed JSON (line 1, column 13): the body ends inside an array");
		assertThatThrownBy(() -> read("{\"inputs\": [{\"data\":\n [NaN]}]}")).isInstanceOf(MalformedJsonException.class)
			.hasMessage("malformed JSON (line 2, column 3): unexpected 'N' where a value was expected");
		assertThatThrownBy(() -> read("{\"id\": \"a\"} {\"id\": \"b\"}"))
			.hasMessage("invalid inference request: unexpected content after the request object");
	}

	@Test
	void readsTheBenchmarksRequestAsJacksonDoes() throws Exception {
		StringBuilder pixels = new StringBuilder();
		Random random = new Random(7);
		for (int i = 0; i < 784; i++) {
			pixels.append(i == 0 ? "" : ",")
				.append(random.nextInt(3) == 0 ? "0.0" : Float.toString(random.nextFloat()));
		}
		String json = "{\"inputs\":[{\"name\":\"input__0\",\"shape\":[1,1,28,28],\"datatype\":\"FP32\",\"data\":["
				+ pixels + "]}]}";
		double[] expected = JSON.readTree(json)
			.get("inputs")
			.get(0)
			.get("data")
			.valueStream()
			.mapToDouble(node -> node.doubleValue())
			.toArray();
		assertThat(data("[" + pixels + "]").values()).containsExactly(expected);
		assertThat(read(json).inputs().get(0).shape()).containsExactly(1L, 1L, 28L, 28L);
	}

	private static TensorData data(String json) {
		return read("{\"inputs\": [{\"name\": \"x\", \"shape\": [1], \"datatype\": \"FP32\", \"data\": " + json + "}]}")
			.inputs()
			.get(0)
			.data();
	}

	private static InferenceRequest read(String json) {
		return CursorRequestReader.read(json.getBytes(StandardCharsets.UTF_8));
	}

}
