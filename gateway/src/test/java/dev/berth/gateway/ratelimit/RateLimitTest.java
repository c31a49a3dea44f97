package dev.berth.gateway.ratelimit;

import dev.berth.gateway.UpstreamServers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client over its budget gets 429 with Retry-After, and the request goes no further;
 * clients with an API key are counted by key, with their own budget.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "berth.gateway.api-keys=fast:rate-limit-test-key-1",
				"berth.gateway.rate-limit.requests-per-second=1", "berth.gateway.rate-limit.burst=3",
				"berth.gateway.rate-limit.key-requests-per-second=1", "berth.gateway.rate-limit.key-burst=5" })
@AutoConfigureWebTestClient
class RateLimitTest extends UpstreamServers {

	@Autowired
	private WebTestClient client;

	@Test
	void aClientOverItsBurstGets429WithRetryAfterAndAKeyHasItsOwnBudget() {
		for (int i = 0; i < 3; i++) {
			this.client.get().uri("/api/stats").exchange().expectStatus().isOk();
		}
		int forwarded = web.received().size();

		this.client.get()
			.uri("/api/stats")
			.exchange()
			.expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "1")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("Too many requests from this client. Please slow down and try again in 1 s.");
		assertThat(web.received()).hasSize(forwarded);

		// The same address with a key is counted by the key.
		for (int i = 0; i < 5; i++) {
			this.client.get()
				.uri("/v2/models/mnist")
				.header("X-Api-Key", "rate-limit-test-key-1")
				.exchange()
				.expectStatus()
				.isOk();
		}
		this.client.get()
			.uri("/v2/models/mnist")
			.header("X-Api-Key", "rate-limit-test-key-1")
			.exchange()
			.expectStatus()
			.isEqualTo(429);
	}

}
