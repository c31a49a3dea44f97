package dev.berth.gateway.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.berth.gateway.TestUpstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Upstreams that are down, slow or die mid-answer, as real servers: the client gets a 503
 * or 504 problem detail, never the framework's 500, and never a connection left hanging;
 * a dead upstream's breaker opens so that it costs no connection attempt, and closes once
 * the upstream is back.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "berth.gateway.api-keys=ops:upstream-failure-test-key",
				"berth.gateway.circuit-breaker.minimum-calls=3", "berth.gateway.circuit-breaker.window=3",
				"berth.gateway.circuit-breaker.wait-in-open=1s" })
@AutoConfigureWebTestClient
class UpstreamFailureTest {

	private static final TestUpstream web = TestUpstream.start("web");

	private static final ServerSocket dyingUpstream = dyingUpstream();

	@Autowired
	private WebTestClient client;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void upstreams(DynamicPropertyRegistry registry) {
		registry.add("berth.gateway.web-url", web::url);
		// A stopped container's name no longer resolves in compose's DNS.
		registry.add("berth.gateway.ml-url", () -> "http://no-such-upstream.invalid:8080");
	}

	@TestConfiguration
	static class TestRoutes {

		/**
		 * Routes with a short timeout, and to an upstream that breaks off its answers.
		 */
		@Bean
		RouteLocator testRoutes(RouteLocatorBuilder routes) {
			return routes.routes()
				.route("slow",
						r -> r.order(-5)
							.path("/slow/**")
							.metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, 300)
							.uri(web.url()))
				.route("dying",
						r -> r.order(-5).path("/dying/**").uri("http://127.0.0.1:" + dyingUpstream.getLocalPort()))
				.build();
		}

	}

	@AfterAll
	static void stopUpstreams() throws IOException {
		web.stop();
		dyingUpstream.close();
	}

	@Test
	void anUnknownUpstreamIsA503ProblemWithRetryAfter() {
		this.client.get()
			.uri("/v2/health/ready")
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
			.isEqualTo("/v2/health/ready")
			.consumeWith(result -> assertThat(new String(result.getResponseBodyContent())).doesNotContain("Exception",
					"invalid"));
	}

	@Test
	void aStoppedUpstreamOpensItsBreakerWhichClosesOnceItIsBack() {
		web.stop();
		try {
			for (int i = 0; i < 3; i++) {
				expect503("/api/predictions");
			}
		}
		finally {
			web.restart();
		}
		int before = web.received().size();

		// Open: the upstream is back, but no request goes to it until the breaker lets
		// some try.
		expect503("/api/predictions").jsonPath("$.detail")
			.isEqualTo("The service behind /api/predictions is down. Please try again in a few seconds.");
		assertThat(web.received()).hasSize(before);

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> this.client.get().uri("/api/predictions").exchange().expectStatus().isOk());
	}

	@Test
	void anUpstreamSlowerThanTheRoutesTimeoutIsA504Problem() {
		this.client.get()
			.uri("/slow/answer?sleep=3000")
			.exchange()
			.expectStatus()
			.isEqualTo(504)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Gateway timeout");
	}

	@Test
	void anUpstreamThatDiesMidAnswerClosesTheClientsConnection() {
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/dying/answer"))
			// Only so that a hang fails the test instead of stalling the build.
			.timeout(Duration.ofSeconds(60))
			.build();

		Throwable failure = catchThrowable(() -> http.send(request, HttpResponse.BodyHandlers.ofString()));

		// The client learns that the answer broke off (its status line had gone out).
		assertThat(failure).isInstanceOf(IOException.class).isNotInstanceOf(HttpTimeoutException.class);
	}

	private WebTestClient.BodyContentSpec expect503(String path) {
		return this.client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody();
	}

	/** Answers every request with the start of a 1,000-byte body, then closes. */
	private static ServerSocket dyingUpstream() {
		try {
			ServerSocket server = new ServerSocket(0);
			Thread.ofPlatform().daemon().start(() -> {
				while (!server.isClosed()) {
					try (Socket socket = server.accept()) {
						InputStream in = socket.getInputStream();
						in.read(new byte[8192]);
						OutputStream out = socket.getOutputStream();
						out.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\npartial"
							.getBytes(StandardCharsets.ISO_8859_1));
						out.flush();
					}
					catch (IOException ex) {
						// closed by the test
					}
				}
			});
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
