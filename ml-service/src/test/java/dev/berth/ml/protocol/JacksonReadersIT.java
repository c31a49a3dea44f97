package dev.berth.ml.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.berth.ml.MnistSample;
import dev.berth.ml.V2Client;
import dev.berth.ml.V2Client.Reply;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * The server with each Jackson request reader ({@code berth.ml.protocol.json-reader})
 * instead of the default one: digits are classified as PyTorch classifies them, whether
 * the datatype comes before the data (read straight into floats by jackson-float) or
 * after it, and bad requests get the default reader's answers.
 */
class JacksonReadersIT {

	private static final MnistSample SAMPLE = MnistSample.load();

	@Nested
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
			"berth.ml.model-repository=model-repository", "berth.ml.protocol.json-reader=jackson-stream" })
	class JacksonStream extends ServerChecks {

	}

	@Nested
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
			"berth.ml.model-repository=model-repository", "berth.ml.protocol.json-reader=jackson-float" })
	class JacksonFloat extends ServerChecks {

	}

	abstract static class ServerChecks {

		@LocalServerPort
		int port;

		V2Client client;

		@BeforeEach
		void connect() {
			client = new V2Client(port);
		}

		@Test
		void classifiesDigitsAsPyTorchDoesWhicheverFieldComesFirst() {
			int digits = 50;
			StringBuilder data = new StringBuilder();
			for (int i = 0; i < digits; i++) {
				for (float pixel : SAMPLE.images().get(i)) {
					data.append(data.isEmpty() ? "" : ",").append(pixel);
				}
			}
			String shape = "\"shape\":[" + digits + ",1,28,28]";
			String datatypeFirst = "{\"inputs\":[{\"name\":\"input__0\"," + shape + ",\"datatype\":\"FP32\",\"data\":["
					+ data + "]}]}";
			String dataFirst = "{\"inputs\":[{\"data\":[" + data + "],\"name\":\"input__0\",\"datatype\":\"FP32\","
					+ shape + "}]}";

			List<JsonNode> logits = new ArrayList<>();
			for (String request : List.of(datatypeFirst, dataFirst)) {
				Reply reply = client.postRaw("/v2/models/mnist/infer", request, "application/json");
				assertThat(reply.status()).as(reply.body()).isEqualTo(200);
				logits.add(reply.json().path("outputs").get(0).path("data"));
			}

			assertThat(logits.get(1)).as("the same values, however they were read").isEqualTo(logits.get(0));
			List<Integer> predicted = MnistSample.argmax(logits.get(0), digits);
			long agree = 0;
			for (int i = 0; i < digits; i++) {
				agree += predicted.get(i).equals(SAMPLE.pythonPredictions().get(i)) ? 1 : 0;
			}
			// As in InferenceIT: a near-tie may flip between libtorch's and Python's
			// kernels.
			assertThat(agree).isGreaterThanOrEqualTo(digits - 1L);
		}

		@Test
		void answersBadRequestsAsTheDefaultReaderDoes() {
			assertError(client.post("/v2/models/mnist/infer", Map.of("inputs", List.of(Map.of("name", "input__0")))),
					"invalid inference request: 'inputs[0].data' must not be null; "
							+ "'inputs[0].datatype' must not be blank; 'inputs[0].shape' must not be null");
			assertError(client.postRaw("/v2/models/mnist/infer",
					"{\"inputs\":[{\"name\":\"input__0\",\"shape\":\"1,1,28,28\",\"datatype\":\"FP32\",\"data\":[1]}]}",
					"application/json"),
					"invalid inference request at 'inputs[0].shape': must be an array of integers, not a string");
			assertError(client.postRaw("/v2/models/mnist/infer",
					"{\"inputs\":[{\"name\":\"input__0\",\"shape\":[1],\"datatype\":\"BYTES\",\"data\":[\"seven\"]}]}",
					"application/json"),
					"invalid inference request at 'inputs[0].data': strings in 'data' (BYTES tensors) are not supported");
			assertError(client.postRaw("/v2/models/mnist/infer",
					"{\"inputs\":[{\"name\":\"input__0\",\"shape\":[1,1,28,28],\"datatype\":\"FP32\",\"data\":[0.5,1e39"
							+ ",0".repeat(782) + "]}]}",
					"application/json"), "input 'input__0': element 1 (1.0E39) is not a valid FP32 value");
		}

		@Test
		void malformedJsonIs400WithoutInternals() {
			for (String body : List.of("{\"inputs\": [", "{\"inputs\": [{\"data\": [NaN]}]}", "{\"id\": \"a\",}")) {
				Reply reply = client.postRaw("/v2/models/mnist/infer", body, "application/json");
				assertThat(reply.status()).as(body).isEqualTo(400);
				assertThat(reply.error()).as(body).startsWith("malformed JSON (line 1, column ");
				assertThat(reply.json().propertyNames()).containsExactly("error");
				assertThat(reply.body()).doesNotContain("Exception", "dev.berth", "\tat ", "jackson", "`", "Source");
			}
		}

		private static void assertError(Reply reply, String message) {
			assertThat(reply.status()).as(reply.body()).isEqualTo(400);
			assertThat(reply.error()).isEqualTo(message);
		}

	}

}
