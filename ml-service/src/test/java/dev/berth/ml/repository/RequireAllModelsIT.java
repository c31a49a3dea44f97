package dev.berth.ml.repository;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.ml.MnistSample;
import dev.berth.ml.TestRepository;
import dev.berth.ml.V2Client;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With berth.ml.require-all-models, one broken model keeps the server out of rotation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "berth.ml.require-all-models=true")
class RequireAllModelsIT {

	static final TestRepository REPOSITORY = TestRepository.create().withBrokenModels();

	@DynamicPropertySource
	static void repository(DynamicPropertyRegistry registry) {
		registry.add("berth.ml.model-repository", () -> REPOSITORY.root().toString());
	}

	@LocalServerPort
	int port;

	@Test
	void serverIsNotReadyButTheWorkingModelStillAnswers() {
		V2Client client = new V2Client(port);
		V2Client.Reply ready = client.get("/v2/health/ready");
		assertThat(ready.status()).isEqualTo(503);
		assertThat(ready.error())
			.startsWith("not every model is ready (berth.ml.require-all-models): corrupt: version 1: cannot load");
		assertThat(ready.error()).contains("; mnist: version 2: model file not found");
		assertThat(client.get("/actuator/health/readiness").status()).isEqualTo(503);
		assertThat(client.get("/v2/health/live").status()).isEqualTo(200);
		assertThat(client.post("/v2/models/mnist/infer", MnistSample.load().request(0, 1)).status()).isEqualTo(200);
	}

}
