package dev.berth.gateway.cors;

import dev.berth.gateway.UpstreamServers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cross-origin requests are refused unless their origin is configured; the browser app's
 * own requests (same host) always pass.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "berth.gateway.cors.allowed-origins=https://app.example.com" })
@AutoConfigureWebTestClient
class CrossOriginTest extends UpstreamServers {

	@Autowired
	private WebTestClient client;

	@Test
	void aPageFromAnotherOriginIsRefusedBeforeItReachesAService() {
		int before = web.received().size();
		this.client.options()
			.uri("/api/predictions")
			.header(HttpHeaders.ORIGIN, "https://evil.example.com")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
		this.client.post()
			.uri("/api/predictions")
			.header(HttpHeaders.ORIGIN, "https://evil.example.com")
			.exchange()
			.expectStatus()
			.isForbidden();
		assertThat(web.received()).hasSize(before);
	}

	@Test
	void aConfiguredOriginIsAllowed() {
		this.client.options()
			.uri("/api/predictions")
			.header(HttpHeaders.ORIGIN, "https://app.example.com")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "Content-Type")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://app.example.com");
		this.client.get()
			.uri("/api/stats")
			.header(HttpHeaders.ORIGIN, "https://app.example.com")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://app.example.com");
	}

	@Test
	void theBrowserAppsOwnRequestsPassWhateverTheScheme() {
		this.client.post()
			.uri("/api/predictions")
			.header(HttpHeaders.HOST, "berth.example.com")
			.header(HttpHeaders.ORIGIN, "https://berth.example.com")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
	}

}
