package dev.berth.ml.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.ml.V2Client;
import dev.berth.ml.V2Client.Reply;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * The server on the shipped model repository: health, readiness and metadata as V2
 * clients see them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "berth.ml.model-repository=model-repository")
class HealthAndMetadataIT {

	@LocalServerPort
	int port;

	V2Client client;

	@BeforeEach
	void connect() {
		client = new V2Client(port);
	}

	@Test
	void serverIsLiveAndReadyOnceTheModelsAreLoaded() {
		assertThat(client.get("/v2/health/live").status()).isEqualTo(200);
		Reply ready = client.get("/v2/health/ready");
		assertThat(ready.status()).isEqualTo(200);
		assertThat(ready.body()).isEmpty();
	}

	@Test
	void actuatorReadinessGroupReportsTheModels() {
		Reply readiness = client.get("/actuator/health/readiness");
		assertThat(readiness.status()).isEqualTo(200);
		JsonNode models = readiness.json().path("components").path("models");
		assertThat(models.path("status").asString()).isEqualTo("UP");
		assertThat(models.path("details").path("mnist").path("1").asString()).isEqualTo("READY");
	}

	@Test
	void serverMetadataNamesServerAndVersion() {
		JsonNode metadata = client.get("/v2").json();
		assertThat(metadata.path("name").asString()).isEqualTo("berth-ml-service");
		assertThat(metadata.path("version").asString()).isNotBlank();
		assertThat(metadata.path("extensions").isArray()).isTrue();
	}

	@Test
	void modelMetadataDescribesTheMnistSignature() {
		Reply reply = client.get("/v2/models/mnist");
		assertThat(reply.status()).isEqualTo(200);
		JsonNode metadata = reply.json();
		assertThat(metadata.path("name").asString()).isEqualTo("mnist");
		assertThat(metadata.path("platform").asString()).isEqualTo("pytorch_torchscript");
		assertThat(metadata.path("versions").toString()).isEqualTo("[\"1\"]");
		assertThat(metadata.path("inputs").toString())
			.isEqualTo("[{\"name\":\"input__0\",\"datatype\":\"FP32\",\"shape\":[-1,1,28,28]}]");
		assertThat(metadata.path("outputs").toString())
			.isEqualTo("[{\"name\":\"output__0\",\"datatype\":\"FP32\",\"shape\":[-1,10]}]");
	}

	@Test
	void versionedMetadataAndReadinessAnswerForAnExistingVersion() {
		assertThat(client.get("/v2/models/mnist/versions/1").json().path("versions").toString()).isEqualTo("[\"1\"]");
		assertThat(client.get("/v2/models/mnist/ready").status()).isEqualTo(200);
		assertThat(client.get("/v2/models/mnist/versions/1/ready").status()).isEqualTo(200);
	}

	@ParameterizedTest(name = "GET {0}: {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			/v2/models/no-such-model          | 404 | unknown model 'no-such-model'
			/v2/models/mnist/versions/9/ready | 404 | model 'mnist' has no version '9'
			/v2/nothing-here                  | 404 | no such endpoint: GET /v2/nothing-here
			/v2/models/mnist/infer            | 405 | Method 'GET' is not supported.
			""")
	void whatDoesNotExistIsAnErrorInTheProtocolShape(String path, int status, String message) {
		Reply reply = client.get(path);
		assertThat(reply.status()).isEqualTo(status);
		assertThat(reply.error()).isEqualTo(message);
	}

}
