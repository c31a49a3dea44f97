package dev.berth.gateway;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routes real HTTP through the gateway to two upstream HTTP servers standing in for web
 * and ml; each upstream answers with its own name, the path it saw and the request id it
 * got.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "berth.gateway.api-keys=test:" + GatewayRoutingTest.KEY })
@AutoConfigureWebTestClient
class GatewayRoutingTest extends UpstreamServers {

	static final String KEY = "routing-test-key-0123456789";

	private static final String GENERATED_ID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

	@Autowired
	private WebTestClient client;

	@LocalManagementPort
	private int managementPort;

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
		for (String path : new String[] { "/actuator", "/actuator/health", "/actuator/prometheus", "/actuator/env",
				"/v2/repository/index" }) {
			this.client.get().uri(path).headers(h -> h.setBearerAuth(KEY)).exchange().expectStatus().isNotFound();
		}
		this.client.post()
			.uri("/v2/repository/models/mnist/unload")
			.headers(h -> h.setBearerAuth(KEY))
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void healthAndMetricsAreOnTheManagementPortOnly() {
		WebTestClient management = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.managementPort)
			.build();
		management.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");

		expectUpstream("/api/stats", "web /api/stats");
		management.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value(metrics -> assertThat(metrics).containsPattern(
					"spring_cloud_gateway_requests_seconds_count\\{[^}]*routeId=\"web-api\"[^}]*status=\"OK\""));
	}

	@Test
	void everyResponseCarriesTheRequestIdThatTheUpstreamSaw() {
		EntityExchangeResult<String> first = ping(null);
		String id = first.getResponseHeaders().getFirst("X-Request-Id");

		assertThat(id).matches(GENERATED_ID);
		assertThat(first.getResponseHeaders().get("X-Request-Id")).as("the upstream's echo is not added twice")
			.containsExactly(id);
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

	@Test
	void upstreamsLearnThePublicHostAndSchemeButNotWhatAClientClaims() {
		web.received().clear();
		this.client.get()
			.uri("/api/forwarded")
			.header("Host", "berth.example.com")
			.header("X-Forwarded-For", "6.6.6.6")
			.header("X-Forwarded-Host", "evil.example.com")
			.header("Forwarded", "for=6.6.6.6;host=evil.example.com")
			.exchange()
			.expectStatus()
			.isOk();

		TestUpstream.Received received = web.received().getLast();
		assertThat(received.headers().getFirst("X-Forwarded-Host")).isEqualTo("berth.example.com");
		assertThat(received.headers().getFirst("X-Forwarded-Proto")).isEqualTo("http");
		assertThat(received.headers().getFirst("X-Forwarded-For")).isEqualTo("127.0.0.1");
		assertThat(received.headers().getFirst("Forwarded")).isNull();
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

	@Test
	void headersLargerThanTheLimitAreRefused() {
		this.client.get()
			.uri("/api/ping")
			.header("X-Large", "x".repeat(20_000))
			.exchange()
			.expectStatus()
			.value(status -> assertThat(status).isIn(413, 431));
	}

	private EntityExchangeResult<String> ping(String requestId) {
		return this.client.get().uri("/api/ping").headers(headers -> {
			if (requestId != null) {
				headers.set("X-Request-Id", requestId);
			}
		}).exchange().expectStatus().isOk().expectBody(String.class).returnResult();
	}

	private void expectUpstream(String path, String expectedPrefix) {
		this.client.get()
			.uri(path)
			.headers(h -> h.setBearerAuth(KEY))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value(body -> assertThat(body).startsWith(expectedPrefix + " id="));
	}

}
