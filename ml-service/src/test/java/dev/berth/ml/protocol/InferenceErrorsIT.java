package dev.berth.ml.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.berth.ml.MnistSample;
import dev.berth.ml.V2Client;
import dev.berth.ml.V2Client.Reply;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Bad inference requests get a 4xx with a one-line {"error": "..."} that says what to
 * fix.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "berth.ml.model-repository=model-repository")
class InferenceErrorsIT {

	@LocalServerPort
	int port;

	V2Client client;

	@BeforeEach
	void connect() {
		client = new V2Client(port);
	}

	static Stream<Arguments> requestsTheModelCannotTake() {
		Map<String, Object> unknownInput = Map.of("inputs", List
			.of(Map.of("name", "pixels", "shape", List.of(1, 1, 28, 28), "datatype", "FP32", "data", new float[784])));
		return Stream.of(
				arguments(named("an unknown model is 404", "/v2/models/resnet/infer"),
						digit(List.of(1, 1, 28, 28), "FP32", 784), 404, "unknown model 'resnet'"),
				arguments(named("an unknown version is 404", "/v2/models/mnist/versions/2/infer"),
						digit(List.of(1, 1, 28, 28), "FP32", 784), 404, "model 'mnist' has no version '2'"),
				arguments(named("a wrong shape is 400", "/v2/models/mnist/infer"), digit(List.of(1, 784), "FP32", 784),
						400, "input 'input__0' has shape [1, 784]; the model takes [-1, 1, 28, 28] (-1: any size)"),
				arguments(named("data that does not fill the shape is 400", "/v2/models/mnist/infer"),
						digit(List.of(2, 1, 28, 28), "FP32", 784), 400,
						"input 'input__0': shape [2, 1, 28, 28] needs 1568 values, data has 784"),
				arguments(named("a wrong datatype is 400", "/v2/models/mnist/infer"),
						digit(List.of(1, 1, 28, 28), "FP64", 784), 400, "input 'input__0' must be FP32, not FP64"),
				arguments(named("a batch larger than the config allows is 400", "/v2/models/mnist/infer"),
						digit(List.of(65, 1, 28, 28), "FP32", 65 * 784), 400,
						"input 'input__0' has batch size 65; the model takes 1 to 64"),
				arguments(named("an unknown input name is 400", "/v2/models/mnist/infer"), unknownInput, 400,
						"unknown input 'pixels'; the model takes 'input__0'"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("requestsTheModelCannotTake")
	void aRequestTheModelCannotTakeIsAnsweredWithWhatToFix(String path, Map<String, Object> request, int status,
			String message) {
		assertError(client.post(path, request), status, message);
	}

	@Test
	void missingFieldsAre400() {
		Reply reply = client.post("/v2/models/mnist/infer", Map.of("inputs", List.of(Map.of("name", "input__0"))));
		assertError(reply, 400, "invalid inference request: 'inputs[0].data' must not be null; "
				+ "'inputs[0].datatype' must not be blank; 'inputs[0].shape' must not be null");
	}

	@Test
	void aFieldOfTheWrongTypeIs400NamingTheField() {
		Map<String, Object> request = Map.of("inputs",
				List.of(Map.of("name", "input__0", "shape", "1,1,28,28", "datatype", "FP32", "data", new float[784])));
		assertError(client.post("/v2/models/mnist/infer", request), 400,
				"invalid inference request at 'inputs[0].shape': must be an array of integers, not a string");
	}

	@Test
	void malformedJsonIs400WithoutInternals() {
		Reply reply = client.postRaw("/v2/models/mnist/infer", "{\"inputs\": [", "application/json");
		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.error())
			.isEqualTo("malformed JSON (line 1, column 13): unexpected end-of-input: expected close marker for Array");
		assertNoInternals(reply);
		for (String body : List.of("{\"inputs\": [{\"data\": [NaN]}]}", "{\"id\": \"a\",}")) {
			Reply other = client.postRaw("/v2/models/mnist/infer", body, "application/json");
			assertThat(other.status()).as(body).isEqualTo(400);
			assertThat(other.error()).as(body).startsWith("malformed JSON (line 1, column ");
			assertNoInternals(other);
		}
	}

	@Test
	void anFp32ValueOutOfRangeIs400NamingIt() {
		assertError(client.postRaw("/v2/models/mnist/infer",
				"{\"inputs\":[{\"name\":\"input__0\",\"shape\":[1,1,28,28],\"datatype\":\"FP32\",\"data\":[0.5,1e39"
						+ ",0".repeat(782) + "]}]}",
				"application/json"), 400, "input 'input__0': element 1 (1.0E39) is not a valid FP32 value");
	}

	@Test
	void stringDataIs400() {
		Map<String, Object> request = Map.of("inputs", List
			.of(Map.of("name", "input__0", "shape", List.of(1), "datatype", "BYTES", "data", List.of("seven"))));
		assertError(client.post("/v2/models/mnist/infer", request), 400,
				"invalid inference request at 'inputs[0].data': strings in 'data' (BYTES tensors) are not supported");
	}

	/**
	 * Large form bodies too: the servlet container would otherwise parse them as form
	 * fields.
	 */
	@ParameterizedTest
	@ValueSource(ints = { 8, 3_000_000 })
	void aFormEncodedBodyIs415WhateverItsSize(int length) {
		Reply reply = client.postRaw("/v2/models/mnist/infer", "inputs=" + "1".repeat(length),
				"application/x-www-form-urlencoded");
		assertThat(reply.status()).isEqualTo(415);
		assertThat(reply.error()).contains("not supported");
		assertNoInternals(reply);
	}

	private static Map<String, Object> digit(List<Integer> shape, String datatype, int values) {
		return Map.of("inputs", List
			.of(Map.of("name", MnistSample.INPUT, "shape", shape, "datatype", datatype, "data", new float[values])));
	}

	private static void assertError(Reply reply, int status, String message) {
		assertThat(reply.status()).as(reply.body()).isEqualTo(status);
		assertThat(reply.contentType()).startsWith("application/json");
		assertThat(reply.error()).isEqualTo(message);
		assertNoInternals(reply);
	}

	private static void assertNoInternals(Reply reply) {
		assertThat(reply.json().propertyNames()).containsExactly("error");
		assertThat(reply.body()).doesNotContain("Exception", "dev.berth", "\tat ", "jackson", "`", "Source");
	}

}
