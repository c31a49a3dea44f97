package dev.berth.gateway.upstream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upstreams that are not there: one refuses connections (a stopped container's port), the
 * other's name does not resolve (a stopped container in compose's DNS). Either way the
 * client gets a 503 problem detail with Retry-After, not the framework's 500.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class UpstreamDownTest {

	@Autowired
	private WebTestClient client;

	@DynamicPropertySource
	static void deadUpstreams(DynamicPropertyRegistry registry) {
		registry.add("berth.gateway.web-url", () -> "http://127.0.0.1:" + closedPort());
		registry.add("berth.gateway.ml-url", () -> "http://no-such-upstream.invalid:8080");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/predictions", "/v2/health/ready" })
	void aDeadUpstreamIsA503ProblemWithRetryAfter(String path) {
		this.client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "5")
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Service unavailable")
			.jsonPath("$.instance")
			.isEqualTo(path)
			.consumeWith(result -> assertThat(new String(result.getResponseBodyContent())).doesNotContain("Exception",
					"127.0.0.1", "invalid"));
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
