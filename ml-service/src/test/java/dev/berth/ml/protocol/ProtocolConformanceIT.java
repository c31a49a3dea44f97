package dev.berth.ml.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.berth.ml.TestFolders;
import dev.berth.ml.TestRepository;
import dev.berth.ml.V2Client;
import dev.berth.ml.V2Client.Reply;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * The Open Inference Protocol's inference request and response, case by case, on the test
 * model {@code echo} (one [batch, width] input per supported datatype; floats come back
 * doubled, integers plus one, booleans negated): datatypes, flat and nested data, the
 * batch dimension, the id, requested outputs, the body size limit (413) and not-ready
 * models (503 with Retry-After).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "berth.ml.protocol.max-request-size=64KB")
class ProtocolConformanceIT {

	static final TestRepository REPOSITORY = TestRepository.create().withMnist().withEcho(null);
	static final String INFER = "/v2/models/echo/infer";

	@DynamicPropertySource
	static void repository(DynamicPropertyRegistry registry) throws IOException {
		// A model whose file is not TorchScript: it fails to load and never becomes
		// ready.
		TestFolders.copy(REPOSITORY.root().resolve("echo"), REPOSITORY.root().resolve("broken"));
		Files.writeString(REPOSITORY.root().resolve("broken/1/model.pt"), "not a TorchScript archive");
		registry.add("berth.ml.model-repository", () -> REPOSITORY.root().toString());
	}

	@LocalServerPort
	int port;

	V2Client client;

	@BeforeEach
	void connect() {
		client = new V2Client(port);
	}

	@Test
	void everySupportedDatatypeGoesInAndComesBackWithItsBatchDimension() {
		Reply reply = client.post(INFER, request(flatInputs(), null, null));

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		Map<String, JsonNode> outputs = outputsByName(reply.json());
		assertThat(outputs.keySet()).containsExactly("fp32_out", "fp64_out", "int8_out", "int32_out", "int64_out",
				"uint8_out", "flag_out");
		assertOutput(outputs.get("fp32_out"), "FP32", "[1.0,-3.0,0.5,4.0,0.0,-1.0]");
		assertOutput(outputs.get("fp64_out"), "FP64", "[0.2,-2.0E300,3.0,4.0,5.0,6.0]");
		assertOutput(outputs.get("int8_out"), "INT8", "[-127,0,1,2,100,127]");
		assertOutput(outputs.get("int32_out"), "INT32", "[-2147483647,0,1,2,70001,2147483647]");
		assertOutput(outputs.get("int64_out"), "INT64", "[-9007199254740991,0,1,2,5000000001,9007199254740993]");
		assertOutput(outputs.get("uint8_out"), "UINT8", "[1,2,3,4,201,255]");
		assertOutput(outputs.get("flag_out"), "BOOL", "[false,true,false,true,true,false]");
	}

	@Test
	void nestedDataIsReadRowMajorLikeFlatData() {
		Map<String, Map<String, Object>> nested = new LinkedHashMap<>();
		flatInputs().forEach((name, input) -> {
			List<?> flat = (List<?>) input.get("data");
			Map<String, Object> copy = new LinkedHashMap<>(input);
			copy.put("data", List.of(flat.subList(0, 3), flat.subList(3, 6)));
			nested.put(name, copy);
		});

		Reply flatReply = client.post(INFER, request(flatInputs(), null, null));
		Reply nestedReply = client.post(INFER, request(nested, null, null));

		assertThat(nestedReply.status()).as(nestedReply.body()).isEqualTo(200);
		assertThat(nestedReply.json().path("outputs")).isEqualTo(flatReply.json().path("outputs"));
	}

	@Test
	void requestedOutputsComeBackAloneInTheOrderAskedAndTheIdIsEchoed() {
		Reply reply = client.post(INFER, request(flatInputs(), "req-7", List.of("uint8_out", "fp32_out")));

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(reply.json().path("id").asString()).isEqualTo("req-7");
		assertThat(reply.json().path("model_name").asString()).isEqualTo("echo");
		assertThat(reply.json().path("model_version").asString()).isEqualTo("1");
		assertThat(outputsByName(reply.json()).keySet()).containsExactly("uint8_out", "fp32_out");
	}

	@Test
	void anUnknownRequestedOutputIs400() {
		Reply reply = client.post(INFER, request(flatInputs(), null, List.of("fp32_out", "logits")));

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.error()).startsWith("unknown output 'logits'; the model returns ['fp32_out', 'fp64_out'");
	}

	@Test
	void valuesOutsideTheirDatatypeAre400() {
		assertRejected("int8", List.of(128, 0, 0, 0, 0, 0),
				"input 'int8': element 0 (128.0) is not a valid INT8 value");
		assertRejected("uint8", List.of(0, 0, -1, 0, 0, 0),
				"input 'uint8': element 2 (-1.0) is not a valid UINT8 value");
		assertRejected("int32", List.of(0, 0, 0, 1.5, 0, 0),
				"input 'int32': element 3 (1.5) is not a valid INT32 value");
	}

	@Test
	void int16IsRefusedWithTheSupportedList() {
		Map<String, Map<String, Object>> inputs = flatInputs();
		inputs.get("int8").put("datatype", "INT16");
		Reply reply = client.post(INFER, request(inputs, null, null));

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.error()).isEqualTo(
				"input 'int8': datatype 'INT16' is not supported (supported: BOOL, UINT8, INT8, INT32, INT64, FP32, FP64)");
	}

	@Test
	void inputsWhoseBatchSizesDisagreeAre400() {
		Map<String, Map<String, Object>> inputs = flatInputs();
		inputs.get("fp64").put("shape", List.of(3, 2));
		Reply reply = client.post(INFER, request(inputs, null, null));

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.error()).isEqualTo("inputs disagree on the batch size: 2 and 3");
	}

	@Test
	void aBodyOverTheLimitIs413BeforeItIsParsed() {
		byte[] body = ("{\"inputs\": [" + " ".repeat(70 * 1024) + "]}").getBytes(StandardCharsets.UTF_8);

		Reply reply = client.post(INFER, body, "application/json");

		assertThat(reply.status()).isEqualTo(413);
		assertThat(reply.error())
			.isEqualTo("request body of %d bytes is larger than the limit of 65536 bytes".formatted(body.length));
		assertThat(client.post(INFER, request(flatInputs(), null, null)).status()).as("still serving").isEqualTo(200);
	}

	@Test
	void aChunkedBodyThatGrowsOverTheLimitIs413() throws Exception {
		byte[] body = ("{\"id\": \"" + "x".repeat(70 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
		// From an InputStream the client cannot know the length: it sends the body
		// chunked.
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + INFER))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
			.build();

		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(V2Client.JSON.readTree(response.body()).path("error").asString())
			.isEqualTo("request body is larger than the limit of 65536 bytes");
	}

	@Test
	void aModelThatIsNotReadyIs503WithRetryAfter() {
		Reply reply = client.post("/v2/models/broken/infer", request(flatInputs(), null, null));

		assertThat(reply.status()).isEqualTo(503);
		assertThat(reply.header("Retry-After")).isEqualTo("5");
		assertThat(reply.error()).startsWith("model 'broken' is not ready: version 1: cannot load");
		assertThat(client.get("/v2/models/broken/ready").header("Retry-After")).isEqualTo("5");
	}

	/**
	 * Two rows of three per input; integer edges one below what the model's +1 could
	 * overflow.
	 */
	static Map<String, Map<String, Object>> flatInputs() {
		Map<String, Map<String, Object>> inputs = new LinkedHashMap<>();
		inputs.put("fp32", input("fp32", "FP32", List.of(0.5, -1.5, 0.25, 2, 0, -0.5)));
		inputs.put("fp64", input("fp64", "FP64", List.of(0.1, -1e300, 1.5, 2, 2.5, 3)));
		inputs.put("int8", input("int8", "INT8", List.of(-128, -1, 0, 1, 99, 126)));
		inputs.put("int32", input("int32", "INT32", List.of(-2147483648L, -1, 0, 1, 70000, 2147483646L)));
		inputs.put("int64",
				input("int64", "INT64", List.of(-9007199254740992L, -1, 0, 1, 5000000000L, 9007199254740992L)));
		inputs.put("uint8", input("uint8", "UINT8", List.of(0, 1, 2, 3, 200, 254)));
		inputs.put("flag", input("flag", "BOOL", List.of(true, false, true, false, false, true)));
		return inputs;
	}

	private static Map<String, Object> input(String name, String datatype, List<?> data) {
		Map<String, Object> input = new LinkedHashMap<>();
		input.put("name", name);
		input.put("shape", List.of(2, 3));
		input.put("datatype", datatype);
		input.put("data", data);
		return input;
	}

	private static Map<String, Object> request(Map<String, ? extends Map<String, Object>> inputs, String id,
			List<String> outputs) {
		Map<String, Object> request = new LinkedHashMap<>();
		if (id != null) {
			request.put("id", id);
		}
		request.put("inputs", new ArrayList<>(inputs.values()));
		if (outputs != null) {
			request.put("outputs", outputs.stream().map(name -> Map.of("name", name)).toList());
		}
		return request;
	}

	private void assertRejected(String input, List<?> data, String message) {
		Map<String, Map<String, Object>> inputs = flatInputs();
		inputs.get(input).put("data", data);
		Reply reply = client.post(INFER, request(inputs, null, null));
		assertThat(reply.status()).as(reply.body()).isEqualTo(400);
		assertThat(reply.error()).isEqualTo(message);
	}

	private static Map<String, JsonNode> outputsByName(JsonNode response) {
		Map<String, JsonNode> outputs = new LinkedHashMap<>();
		response.path("outputs").forEach(output -> outputs.put(output.path("name").asString(), output));
		return outputs;
	}

	private static void assertOutput(JsonNode output, String datatype, String data) {
		assertThat(output.path("datatype").asString()).isEqualTo(datatype);
		assertThat(output.path("shape").toString()).isEqualTo("[2,3]");
		assertThat(output.path("data").toString()).isEqualTo(data);
	}

}
