package dev.berth.ml.repository;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.ml.MnistSample;
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
 * Broken models are reported, one by one, and never stop the working model from serving.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrokenModelsIT {

	static final TestRepository REPOSITORY = TestRepository.create().withBrokenModels();

	@DynamicPropertySource
	static void repository(DynamicPropertyRegistry registry) {
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
	void serverIsReadyAndTheWorkingModelServes() {
		assertThat(client.get("/v2/health/ready").status()).isEqualTo(200);
		Reply reply = client.post("/v2/models/mnist/infer", MnistSample.load().request(0, 1));
		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(reply.json().path("model_version").asString()).as("highest ready version").isEqualTo("1");
	}

	@Test
	void versionWithoutModelFileIsNotReady() {
		Reply reply = client.get("/v2/models/mnist/versions/2/ready");
		assertThat(reply.status()).isEqualTo(503);
		assertThat(reply.error()).startsWith("model 'mnist' version '2' is not ready: model file not found");
		assertThat(client.get("/v2/models/mnist").json().path("versions").toString()).isEqualTo("[\"1\",\"2\"]");
	}

	@Test
	void corruptModelFileIsReportedAndRefusesInference() {
		Reply ready = client.get("/v2/models/corrupt/ready");
		assertThat(ready.status()).isEqualTo(503);
		assertThat(ready.error()).startsWith("model 'corrupt' is not ready: version 1: cannot load");

		Reply infer = client.post("/v2/models/corrupt/versions/1/infer", MnistSample.load().request(0, 1));
		assertThat(infer.status()).isEqualTo(503);
		assertThat(infer.error()).startsWith("model 'corrupt' version '1' is not ready: cannot load");
	}

	@Test
	void unsupportedDatatypeInConfigIsReported() {
		Reply metadata = client.get("/v2/models/misconfigured");
		assertThat(metadata.status()).isEqualTo(503);
		assertThat(metadata.error()).isEqualTo("model 'misconfigured' is not ready: config.yml: inputs[0]: "
				+ "datatype 'FLOAT32' is not supported (supported: BOOL, UINT8, INT8, INT32, INT64, FP32, FP64)");
	}

	@Test
	void configThatDoesNotFitTheModuleFailsItsWarmUp() {
		Reply ready = client.get("/v2/models/mismatched/versions/1/ready");
		assertThat(ready.status()).isEqualTo(503);
		assertThat(ready.error())
			.startsWith("model 'mismatched' version '1' is not ready: warm-up of mismatched/1 failed");
	}

	@Test
	void actuatorHealthListsEveryVersionWithItsState() {
		JsonNode models = client.get("/actuator/health").json().path("components").path("models");
		assertThat(models.path("status").asString()).isEqualTo("UP");
		JsonNode details = models.path("details");
		assertThat(details.path("mnist").path("1").asString()).isEqualTo("READY");
		assertThat(details.path("mnist").path("2").asString()).startsWith("FAILED: model file not found");
		assertThat(details.path("corrupt").path("1").asString()).startsWith("FAILED: cannot load");
		assertThat(details.path("misconfigured").path("error").asString()).startsWith("config.yml: inputs[0]");
	}

}
