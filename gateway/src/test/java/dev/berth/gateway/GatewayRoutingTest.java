package dev.berth.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routes real HTTP through the gateway to two upstream HTTP servers standing in for web
 * and ml; each upstream answers with its own name, the path it saw and the request id it
 * got.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class GatewayRoutingTest {

	private static final String GENERATED_ID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

	private static final HttpServer web = upstream("web");

	private static final HttpServer ml = upstream("ml");

	@Autowired
	private WebTestClient client;

	@DynamicPropertySource
	static void upstreams(DynamicPropertyRegistry registry) {
		registry.add("berth.gateway.web-url", () -> "http://127.0.0.1:" + web.getAddress().getPort());
		registry.add("berth.gateway.ml-url", () -> "http://127.0.0.1:" + ml.getAddress().getPort());
	}

	@AfterAll
	static void stopUpstreams() {
		web.stop(0);
		ml.stop(0);
	}

	@Test
	void browserAppAndApiGoToWeb() {
		expectUpstream("/", "web /");
		expectUpstream("/api/predictions?page=0", "web /api/predictions?page=0");
	}

	@Test
	void inferenceProtocolAndImageEndpointGoToMl() {
		expectUpstream("/v2", "ml /v2");
		expectUpstream("/v2/health/ready", "ml /v2/health/ready");
		expectUpstream("/predictions/mnist", "ml /predictions/mnist");
	}

	@Test
	void internalEndpointsAreNotReachable() {
		this.client.get().uri("/actuator/prometheus").exchange().expectStatus().isNotFound();
		this.client.get().uri("/actuator/env").exchange().expectStatus().isNotFound();
		this.client.get().uri("/v2/repository/index").exchange().expectStatus().isNotFound();
		this.client.post().uri("/v2/repository/models/mnist/unload").exchange().expectStatus().isNotFound();
	}

	@Test
	void gatewayReportsItsOwnHealth() {
		this.client.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
	}

	@Test
	void everyResponseCarriesTheRequestIdThatTheUpstreamSaw() {
		EntityExchangeResult<String> first = ping(null);
		String id = first.getResponseHeaders().getFirst("X-Request-Id");

		assertThat(id).matches(GENERATED_ID);
		assertThat(first.getResponseBody()).isEqualTo("web /api/ping id=" + id);
		assertThat(ping(null).getResponseHeaders().getFirst("X-Request-Id")).isNotEqualTo(id);
	}

	@Test
	void aWellFormedClientRequestIdIsKept() {
		EntityExchangeResult<String> result = ping("client-42");

		assertThat(result.getResponseHeaders().getFirst("X-Request-Id")).isEqualTo("client-42");
		assertThat(result.getResponseBody()).isEqualTo("web /api/ping id=client-42");
	}

	@ParameterizedTest
	@MethodSource("malformedRequestIds")
	void aMalformedClientRequestIdIsReplacedBeforeItReachesTheUpstream(String malformed) {
		EntityExchangeResult<String> result = ping(malformed);
		String id = result.getResponseHeaders().getFirst("X-Request-Id");

		assertThat(id).matches(GENERATED_ID);
		assertThat(result.getResponseBody()).isEqualTo("web /api/ping id=" + id);
	}

	static Stream<String> malformedRequestIds() {
		return Stream.of("bad id; X-Evil: 1", "x".repeat(65));
	}

	private EntityExchangeResult<String> ping(String requestId) {
		return this.client.get().uri("/api/ping").headers(headers -> {
			if (requestId != null) {
				headers.set("X-Request-Id", requestId);
			}
		}).exchange().expectStatus().isOk().expectBody(String.class).returnResult();
	}

	@Test
	void responsesCarrySecurityHeaders() {
		this.client.get()
			.uri("/")
			.exchange()
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader()
			.exists("X-Frame-Options")
			.expectHeader()
			.valueMatches("Content-Security-Policy", ".*script-src 'self'.*");
	}

	private void expectUpstream(String path, String expectedPrefix) {
		this.client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value(body -> assertThat(body).startsWith(expectedPrefix + " id="));
	}

	private static HttpServer upstream(String name) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", exchange -> answer(exchange, name));
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void answer(HttpExchange exchange, String name) throws IOException {
		String body = name + " " + exchange.getRequestURI() + " id="
				+ exchange.getRequestHeaders().getFirst("X-Request-Id");
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(200, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

}
