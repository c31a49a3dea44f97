package dev.berth.ml.reload;

import static java.util.concurrent.TimeUnit.MINUTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

import dev.berth.ml.MnistSample;
import dev.berth.ml.TestFolders;
import dev.berth.ml.V2Client;
import dev.berth.ml.V2Client.Reply;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Changing the model repository under a running server, while clients keep sending
 * requests: no request fails, and no request is ever answered by a half-written model.
 * Each test works on its own copy of mnist, so they do not depend on each other's order.
 * The rescan runs every 200 ms and changes settle for 400 ms, to keep the tests short;
 * nothing asserts on time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "berth.ml.reload.poll-interval=200ms", "berth.ml.reload.settle=400ms" })
class HotReloadIT {

	static final Path REPOSITORY = TestFolders.temporary("berth-hot-reload-");

	static {
		for (String model : new String[] { "adding", "replacing", "removing", "guarded", "reconfigured" }) {
			TestFolders.copy(TestFolders.SHIPPED_MNIST, REPOSITORY.resolve(model));
		}
		TestFolders.copy(TestFolders.SHIPPED_MNIST.resolve("1"), REPOSITORY.resolve("removing/2"));
	}

	@DynamicPropertySource
	static void repository(DynamicPropertyRegistry registry) {
		registry.add("berth.ml.model-repository", REPOSITORY::toString);
	}

	static MnistSample sample;
	static Map<String, Object> digit;
	static int expected;

	@LocalServerPort
	int port;

	V2Client client;

	@BeforeAll
	static void loadSample() {
		sample = MnistSample.load();
		digit = sample.request(0, 1);
		expected = sample.pythonPredictions().get(0);
	}

	@BeforeEach
	void connect() {
		client = new V2Client(port);
	}

	@Test
	void aNewVersionFolderBecomesServableAndTheDefaultWithoutAFailedRequest() {
		Traffic traffic = new Traffic(client, "adding", digit, 2);
		traffic.awaitRequests(20);

		TestFolders.copy(REPOSITORY.resolve("adding/1"), REPOSITORY.resolve("adding/2"));
		await("version 2 of 'adding' is ready").atMost(1, MINUTES)
			.until(() -> client.get("/v2/models/adding/versions/2/ready").status() == 200);
		await("version 2 of 'adding' answers requests that name no version").atMost(1, MINUTES)
			.until(() -> "2"
				.equals(client.post("/v2/models/adding/infer", digit).json().path("model_version").asString()));
		traffic.awaitRequests(20);

		Traffic.Seen seen = traffic.stop();
		assertThat(seen.failures()).as("failed requests during the swap").isEmpty();
		assertThat(seen.answers()).contains("1:" + expected, "2:" + expected);
		assertThat(versions("adding")).isEqualTo("[\"1\",\"2\"]");
	}

	@Test
	void replacedModelFileIsNeverServedHalfWrittenAndReplacesTheOldOneWhenComplete() throws IOException {
		byte[] plusOne = PlusOneMnist.bytes();
		int newAnswer = (expected + 1) % 10;
		Traffic traffic = new Traffic(client, "replacing", digit, 2);
		traffic.awaitRequests(20);

		// Overwritten in place, and only half: the file stays like that until the server
		// has tried it.
		Path modelFile = REPOSITORY.resolve("replacing/1/model.pt");
		try (OutputStream out = Files.newOutputStream(modelFile, StandardOpenOption.TRUNCATE_EXISTING)) {
			out.write(plusOne, 0, plusOne.length / 2);
		}
		await("the half-written file is tried, rejected and reported").atMost(1, MINUTES)
			.until(() -> health("replacing").path("1").asString().startsWith("READY (new files not taken"));
		traffic.awaitRequests(20);
		Reply stillOld = client.post("/v2/models/replacing/infer", digit);
		assertThat(answer(stillOld)).as("the old model keeps serving").isEqualTo(expected);

		try (OutputStream out = Files.newOutputStream(modelFile, StandardOpenOption.APPEND)) {
			out.write(plusOne, plusOne.length / 2, plusOne.length - plusOne.length / 2);
		}
		await("the complete new file answers").atMost(1, MINUTES)
			.until(() -> answer(client.post("/v2/models/replacing/infer", digit)) == newAnswer);
		traffic.awaitRequests(20);

		Traffic.Seen seen = traffic.stop();
		assertThat(seen.failures()).as("failed requests while the file was replaced").isEmpty();
		assertThat(seen.answers()).as("only the old or the complete new model ever answered")
			.containsExactlyInAnyOrder("1:" + expected, "1:" + newAnswer);
		assertThat(health("replacing").path("1").asString()).isEqualTo("READY");
	}

	@Test
	void aRemovedVersionIsUnloadedAndTheOthersKeepServing() {
		assertThat(client.post("/v2/models/removing/infer", digit).json().path("model_version").asString())
			.isEqualTo("2");
		Traffic traffic = new Traffic(client, "removing", digit, 2);
		traffic.awaitRequests(20);

		TestFolders.delete(REPOSITORY.resolve("removing/2"));
		await("version 2 of 'removing' is gone").atMost(1, MINUTES)
			.until(() -> client.get("/v2/models/removing/versions/2").status() == 404);
		traffic.awaitRequests(20);

		Traffic.Seen seen = traffic.stop();
		assertThat(seen.failures()).as("failed requests while a version was removed").isEmpty();
		assertThat(seen.answers()).contains("1:" + expected);
		Reply named = client.post("/v2/models/removing/versions/2/infer", digit);
		assertThat(named.status()).isEqualTo(404);
		assertThat(named.error()).isEqualTo("model 'removing' has no version '2'");
		assertThat(versions("removing")).isEqualTo("[\"1\"]");
		assertThat(client.post("/v2/models/removing/versions/1/infer", digit).status()).isEqualTo(200);
	}

	@Test
	void aBrokenNewVersionIsReportedAndDoesNotBecomeTheDefault() throws IOException {
		Traffic traffic = new Traffic(client, "guarded", digit, 2);
		traffic.awaitRequests(20);

		Files.createDirectories(REPOSITORY.resolve("guarded/7"));
		Files.writeString(REPOSITORY.resolve("guarded/7/model.pt"), "not a TorchScript archive");
		Files.copy(REPOSITORY.resolve("guarded/1/labels.txt"), REPOSITORY.resolve("guarded/7/labels.txt"));
		await("version 7 of 'guarded' is reported").atMost(1, MINUTES)
			.until(() -> client.get("/v2/models/guarded/versions/7/ready").status() == 503);
		traffic.awaitRequests(20);

		Traffic.Seen seen = traffic.stop();
		assertThat(seen.failures()).isEmpty();
		assertThat(seen.answers()).containsExactly("1:" + expected);
		assertThat(client.get("/v2/models/guarded/versions/7/ready").error())
			.startsWith("model 'guarded' version '7' is not ready: cannot load");
		assertThat(health("guarded").path("7").asString()).startsWith("FAILED: cannot load");
	}

	@Test
	void aNewModelFolderIsServedWithoutARestart() {
		assertThat(client.get("/v2/models/newcomer").status()).isEqualTo(404);

		TestFolders.copy(TestFolders.SHIPPED_MNIST, REPOSITORY.resolve("newcomer"));
		await("model 'newcomer' is ready").atMost(1, MINUTES)
			.until(() -> client.get("/v2/models/newcomer/ready").status() == 200);

		Reply reply = client.post("/v2/models/newcomer/infer", digit);
		assertThat(reply.status()).isEqualTo(200);
		assertThat(answer(reply)).isEqualTo(expected);
	}

	@Test
	void aChangedConfigReloadsTheModelWithoutAFailedRequest() throws IOException {
		Traffic traffic = new Traffic(client, "reconfigured", digit, 2);
		traffic.awaitRequests(20);

		// A smaller max_batch_size, visible to clients: a batch of 40 no longer fits.
		Path config = REPOSITORY.resolve("reconfigured/config.yml");
		Files.writeString(config, Files.readString(config).replace("max_batch_size: 64", "max_batch_size: 16"));
		await("the new config is in force").atMost(1, MINUTES)
			.until(() -> client.post("/v2/models/reconfigured/infer", sample.request(0, 40)).status() == 400);
		traffic.awaitRequests(20);

		Traffic.Seen seen = traffic.stop();
		assertThat(seen.failures()).isEmpty();
		assertThat(client.post("/v2/models/reconfigured/infer", sample.request(0, 40)).error())
			.isEqualTo("input 'input__0' has batch size 40; the model takes 1 to 16");
	}

	private String versions(String model) {
		return client.get("/v2/models/" + model).json().path("versions").toString();
	}

	private JsonNode health(String model) {
		return client.get("/actuator/health").json().path("components").path("models").path("details").path(model);
	}

	private static int answer(Reply reply) {
		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		return MnistSample.digit(reply);
	}

}
