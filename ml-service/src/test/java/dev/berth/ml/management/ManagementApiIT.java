package dev.berth.ml.management;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.berth.ml.MnistSample;
import dev.berth.ml.V2Client.Reply;
import dev.berth.ml.TestFolders;
import dev.berth.ml.V2Client;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The management API switched on, with hot reload off so that its load and unload are the
 * only way the served models change. Every test leaves the served models as it found
 * them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "berth.ml.management.enabled=true", "berth.ml.management.token=" + ManagementApiIT.TOKEN,
				"berth.ml.reload.enabled=false" })
class ManagementApiIT {

	static final String TOKEN = "test-token-0123456789abcdef";
	static final Map<String, String> AUTHORIZED = Map.of("Authorization", "Bearer " + TOKEN);
	static final Path REPOSITORY = repository();

	/** The shipped mnist and a model that cannot load. */
	static Path repository() {
		Path root = TestFolders.temporary("berth-management-");
		TestFolders.copy(TestFolders.SHIPPED_MNIST, root.resolve("mnist"));
		TestFolders.copy(TestFolders.SHIPPED_MNIST, root.resolve("broken"));
		TestFolders.write(root.resolve("broken/1/model.pt"), "not a TorchScript archive");
		return root;
	}

	@DynamicPropertySource
	static void repository(DynamicPropertyRegistry registry) {
		registry.add("berth.ml.model-repository", REPOSITORY::toString);
	}

	@LocalServerPort
	int port;

	V2Client client;

	Map<String, Object> digit;

	@BeforeEach
	void connect() {
		client = new V2Client(port);
		digit = MnistSample.load().request(0, 1);
	}

	@Test
	void callsWithoutTheTokenAreRefusedWith401() {
		for (String[] call : new String[][] { { "GET", "/v2/repository/index" }, { "POST", "/v2/repository/index" },
				{ "POST", "/v2/repository/models/mnist/load" }, { "POST", "/v2/repository/models/mnist/unload" } }) {
			Reply anonymous = client.send(call[0], call[1], null, Map.of());
			assertThat(anonymous.status()).as(call[0] + " " + call[1]).isEqualTo(401);
			assertThat(anonymous.error()).isEqualTo("the management API needs 'Authorization: Bearer <token>'");
			assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");

			Reply wrong = client.send(call[0], call[1], null, Map.of("Authorization", "Bearer " + TOKEN + "x"));
			assertThat(wrong.status()).isEqualTo(401);
			assertThat(wrong.error()).isEqualTo("invalid management token");

			Reply basic = client.send(call[0], call[1], null, Map.of("Authorization", "Basic " + TOKEN));
			assertThat(basic.status()).isEqualTo(401);
		}
		assertThat(client.get("/v2/models/mnist/ready").status()).as("nothing was unloaded").isEqualTo(200);
	}

	@Test
	void indexListsEveryModelAndVersionWithItsState() {
		Reply index = client.send("GET", "/v2/repository/index", null, AUTHORIZED);

		assertThat(index.status()).isEqualTo(200);
		assertThat(index.json().size()).isEqualTo(2);
		assertThat(index.json().get(0).path("name").asString()).isEqualTo("broken");
		assertThat(index.json().get(0).path("version").asString()).isEqualTo("1");
		assertThat(index.json().get(0).path("state").asString()).isEqualTo("UNAVAILABLE");
		assertThat(index.json().get(0).path("reason").asString()).startsWith("cannot load");
		assertThat(index.json().get(1).toString())
			.isEqualTo("{\"name\":\"mnist\",\"version\":\"1\",\"state\":\"READY\"}");

		Reply readyOnly = client.send("POST", "/v2/repository/index", "{\"ready\": true}".getBytes(),
				Map.of("Authorization", "Bearer " + TOKEN, "Content-Type", "application/json"));
		assertThat(readyOnly.body()).isEqualTo("[{\"name\":\"mnist\",\"version\":\"1\",\"state\":\"READY\"}]");
	}

	@Test
	void unloadStopsServingAndLoadBringsTheModelBack() {
		Reply unload = client.send("POST", "/v2/repository/models/mnist/unload", null, AUTHORIZED);
		assertThat(unload.status()).isEqualTo(200);
		assertThat(unload.body()).isEqualTo("[{\"name\":\"mnist\",\"state\":\"UNAVAILABLE\",\"reason\":\"unloaded\"}]");
		assertThat(client.post("/v2/models/mnist/infer", digit).status()).isEqualTo(404);
		assertThat(client.get("/v2/models/mnist").error()).isEqualTo("unknown model 'mnist'");

		Reply load = client.send("POST", "/v2/repository/models/mnist/load", null, AUTHORIZED);
		assertThat(load.status()).as(load.body()).isEqualTo(200);
		assertThat(load.body()).isEqualTo("[{\"name\":\"mnist\",\"version\":\"1\",\"state\":\"READY\"}]");
		assertThat(client.post("/v2/models/mnist/infer", digit).status()).isEqualTo(200);
	}

	@Test
	void loadPicksUpANewVersionAtOnce() throws IOException {
		Path version2 = REPOSITORY.resolve("mnist/2");
		TestFolders.copy(REPOSITORY.resolve("mnist/1"), version2);
		try {
			Reply load = client.send("POST", "/v2/repository/models/mnist/load", null, AUTHORIZED);
			assertThat(load.status()).as(load.body()).isEqualTo(200);
			assertThat(load.body()).isEqualTo("[{\"name\":\"mnist\",\"version\":\"1\",\"state\":\"READY\"},"
					+ "{\"name\":\"mnist\",\"version\":\"2\",\"state\":\"READY\"}]");
			assertThat(client.post("/v2/models/mnist/infer", digit).json().path("model_version").asString())
				.isEqualTo("2");
		}
		finally {
			TestFolders.delete(version2);
			assertThat(client.send("POST", "/v2/repository/models/mnist/load", null, AUTHORIZED).status())
				.isEqualTo(200);
		}
		assertThat(client.get("/v2/models/mnist").json().path("versions").toString()).isEqualTo("[\"1\"]");
	}

	@Test
	void aLoadThatFailsSaysWhyAndTheServingVersionStays() throws IOException {
		Path version3 = REPOSITORY.resolve("mnist/3");
		Files.createDirectories(version3);
		Files.writeString(version3.resolve("model.pt"), "not a TorchScript archive");
		try {
			Reply load = client.send("POST", "/v2/repository/models/mnist/load", null, AUTHORIZED);
			assertThat(load.status()).isEqualTo(400);
			assertThat(load.error()).startsWith("failed to load model 'mnist': version 3: cannot load");
			assertThat(client.post("/v2/models/mnist/infer", digit).json().path("model_version").asString())
				.isEqualTo("1");
		}
		finally {
			TestFolders.delete(version3);
			assertThat(client.send("POST", "/v2/repository/models/mnist/load", null, AUTHORIZED).status())
				.isEqualTo(200);
		}
	}

	@Test
	void unknownModelsAre404() {
		Reply load = client.send("POST", "/v2/repository/models/nowhere/load", null, AUTHORIZED);
		assertThat(load.status()).isEqualTo(404);
		assertThat(load.error()).isEqualTo("no model folder 'nowhere' in the model repository");
		Reply unload = client.send("POST", "/v2/repository/models/nowhere/unload", null, AUTHORIZED);
		assertThat(unload.status()).isEqualTo(404);
		assertThat(unload.error()).isEqualTo("unknown model 'nowhere'");
	}

}
