package dev.berth.gateway.access;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.berth.gateway.UpstreamServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The inference API needs a key, from the environment or a secrets file; the browser
 * app's paths and ml's health do not. Keys never reach an upstream or the logs.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "berth.gateway.api-keys=ci:" + ApiKeyTest.ENV_KEY })
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class ApiKeyTest extends UpstreamServers {

	static final String ENV_KEY = "key-from-the-environment-1";

	static final String FILE_KEY = "key-from-the-secrets-file-2";

	@Autowired
	private WebTestClient client;

	@DynamicPropertySource
	static void apiKeysFile(DynamicPropertyRegistry registry) throws IOException {
		Path file = Files.createTempFile("api-keys", ".txt");
		Files.writeString(file, "# one key per line\n" + FILE_KEY + "\n\n");
		registry.add("berth.gateway.api-keys-file", file::toString);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/v2", "/v2/models/mnist", "/v2/models/mnist/infer", "/predictions/mnist" })
	void theInferenceApiWithoutAKeyIs401(String path) {
		int before = ml.received().size();
		this.client.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"berth\"")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("This API needs a key: send it as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'.");
		assertThat(ml.received()).hasSize(before);
	}

	@Test
	void aWrongKeyIs401(CapturedOutput output) {
		this.client.get()
			.uri("/v2/models/mnist")
			.headers(h -> h.setBearerAuth("not-a-key-of-this-gateway"))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"berth\", error=\"invalid_token\"")
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("The API key is not valid.");
		assertThat(output).doesNotContain("not-a-key-of-this-gateway");
	}

	@Test
	void keysFromTheEnvironmentAndTheFileAreAcceptedAsBearerOrXApiKey(CapturedOutput output) {
		this.client.get()
			.uri("/v2/models/mnist")
			.headers(h -> h.setBearerAuth(ENV_KEY))
			.exchange()
			.expectStatus()
			.isOk();
		this.client.get().uri("/v2/models/mnist").header("X-Api-Key", FILE_KEY).exchange().expectStatus().isOk();

		// The service never sees a key, and the access log names the key, never its
		// secret.
		assertThat(ml.received().getLast().headers().containsKey("X-Api-Key")).isFalse();
		assertThat(ml.received().getLast().headers().containsKey("Authorization")).isFalse();
		// The access log line is written once the answer is complete, just after the
		// client has it, with the request's request id and trace id.
		await().untilAsserted(
				() -> assertThat(output).containsPattern("client=key:ci request_id=\\S+ trace_id=[0-9a-f]{32}")
					.containsPattern("client=key:key-[0-9a-f]{8}"));
		assertThat(output).doesNotContain(ENV_KEY, FILE_KEY);
	}

	@Test
	void theBrowserAppAndMlHealthNeedNoKey() {
		this.client.get().uri("/api/stats").exchange().expectStatus().isOk();
		this.client.get().uri("/").exchange().expectStatus().isOk();
		this.client.get().uri("/v2/health/ready").exchange().expectStatus().isOk();
	}

}
