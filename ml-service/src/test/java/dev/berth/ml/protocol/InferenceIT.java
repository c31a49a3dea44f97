package dev.berth.ml.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.berth.ml.MnistSample;
import dev.berth.ml.V2Client;
import dev.berth.ml.V2Client.Reply;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * Classifying real held-out digits through the V2 HTTP API, with the real model and real
 * DJL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "berth.ml.model-repository=model-repository")
class InferenceIT {

	static MnistSample sample;

	@LocalServerPort
	int port;

	V2Client client;

	@BeforeAll
	static void loadSample() {
		sample = MnistSample.load();
	}

	@BeforeEach
	void connect() {
		client = new V2Client(port);
	}

	@Test
	void classifiesHeldOutDigitsAtLeast95PercentRight() {
		List<Integer> predicted = new ArrayList<>();
		int batch = 50;
		for (int from = 0; from < sample.size(); from += batch) {
			int to = Math.min(from + batch, sample.size());
			Reply reply = client.post("/v2/models/mnist/infer", sample.request(from, to));
			assertThat(reply.status()).as(reply.body()).isEqualTo(200);
			JsonNode output = reply.json().path("outputs").get(0);
			assertThat(output.path("shape").toString()).isEqualTo("[" + (to - from) + ",10]");
			predicted.addAll(MnistSample.argmax(output.path("data"), to - from));
		}
		long correct = 0;
		long agreeWithPython = 0;
		for (int i = 0; i < sample.size(); i++) {
			correct += predicted.get(i).equals(sample.labels().get(i)) ? 1 : 0;
			agreeWithPython += predicted.get(i).equals(sample.pythonPredictions().get(i)) ? 1 : 0;
		}
		assertThat((double) correct / sample.size()).as("held-out accuracy").isGreaterThanOrEqualTo(0.95);
		// Same TorchScript in libtorch 2.7.1 as in Python's torch: the same answers,
		// allowing for a
		// near-tie flipped by different float kernels.
		assertThat(agreeWithPython).as("agreement with Python").isGreaterThanOrEqualTo(sample.size() - 2L);
	}

	@Test
	void answersInTheProtocolShapeAndEchoesTheRequestId() {
		Map<String, Object> request = new HashMap<>(sample.request(0, 1));
		request.put("id", "request-42");
		Reply reply = client.post("/v2/models/mnist/versions/1/infer", request);

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.contentType()).startsWith("application/json");
		JsonNode body = reply.json();
		assertThat(body.path("model_name").asString()).isEqualTo("mnist");
		assertThat(body.path("model_version").asString()).isEqualTo("1");
		assertThat(body.path("id").asString()).isEqualTo("request-42");
		JsonNode output = body.path("outputs").get(0);
		assertThat(output.path("name").asString()).isEqualTo("output__0");
		assertThat(output.path("datatype").asString()).isEqualTo("FP32");
		assertThat(output.path("shape").toString()).isEqualTo("[1,10]");
		assertThat(output.path("data").size()).isEqualTo(10);
		assertThat(MnistSample.argmax(output.path("data"), 1).get(0)).isEqualTo(sample.pythonPredictions().get(0));
	}

	@Test
	void acceptsNestedDataAndNamedOutputs() {
		float[] pixels = sample.images().get(1);
		List<List<List<Float>>> image = new ArrayList<>();
		List<List<Float>> rows = new ArrayList<>();
		for (int r = 0; r < 28; r++) {
			List<Float> row = new ArrayList<>();
			for (int c = 0; c < 28; c++) {
				row.add(pixels[r * 28 + c]);
			}
			rows.add(row);
		}
		image.add(rows);
		Map<String, Object> request = Map.of("inputs", List
			.of(Map.of("name", "input__0", "shape", List.of(1, 1, 28, 28), "datatype", "FP32", "data", List.of(image))),
				"outputs", List.of(Map.of("name", "output__0")));

		Reply reply = client.post("/v2/models/mnist/infer", request);

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(reply.json().path("id").isMissingNode()).as("no id asked, none echoed").isTrue();
		assertThat(MnistSample.digit(reply)).isEqualTo(sample.pythonPredictions().get(1));
	}

	/**
	 * FP32 data after its datatype is read straight into floats, before it into doubles
	 * and narrowed later: the model gets the same values either way.
	 */
	@Test
	void givesTheSameAnswerWhicheverOfDatatypeAndDataComesFirst() {
		int digits = 50;
		StringBuilder data = new StringBuilder();
		for (int i = 0; i < digits; i++) {
			for (float pixel : sample.images().get(i)) {
				data.append(data.isEmpty() ? "" : ",").append(pixel);
			}
		}
		String shape = "\"shape\":[" + digits + ",1,28,28]";
		String datatypeFirst = "{\"inputs\":[{\"name\":\"input__0\"," + shape + ",\"datatype\":\"FP32\",\"data\":["
				+ data + "]}]}";
		String dataFirst = "{\"inputs\":[{\"data\":[" + data + "],\"name\":\"input__0\",\"datatype\":\"FP32\"," + shape
				+ "}]}";

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
			agree += predicted.get(i).equals(sample.pythonPredictions().get(i)) ? 1 : 0;
		}
		// As above: a near-tie may flip between libtorch's and Python's kernels.
		assertThat(agree).isGreaterThanOrEqualTo(digits - 1L);
	}

}
