package dev.berth.gateway.limits;

import dev.berth.gateway.UpstreamServers;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each route takes bodies up to its service's own limit: small JSON for the web app's
 * API, uploads up to 51 MB, ml's 16 MB for inference. Over it, a 413 problem detail,
 * whether the length was declared or the body came in chunks.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "berth.gateway.api-keys=limits:body-size-limit-test-key" })
@AutoConfigureWebTestClient
class BodySizeLimitTest extends UpstreamServers {

	@Autowired
	private WebTestClient client;

	@Test
	void jsonForTheWebAppsApiUpTo64KilobytesPasses() {
		this.client.post()
			.uri("/api/predictions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(new byte[64 * 1024])
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(web.received().getLast().bodyBytes()).isEqualTo(64 * 1024);
	}

	@Test
	void aDeclaredBodyOverTheRoutesLimitIs413BeforeAnythingIsForwarded() {
		int before = web.received().size();
		this.client.post()
			.uri("/api/predictions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(new byte[64 * 1024 + 1])
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("The request body is larger than this path takes (64 KB).");
		assertThat(web.received()).hasSize(before);
	}

	@Test
	void aChunkedBodyIsCountedAndCutOffAtTheLimit() {
		Flux<DataBuffer> chunks = Flux.range(0, 20)
			.map(i -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[8192]));
		this.client.post()
			.uri("/api/predictions")
			.contentType(MediaType.APPLICATION_JSON)
			.body(chunks, DataBuffer.class)
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("The request body is larger than this path takes (64 KB).");
	}

	@Test
	void uploadsAndInferenceTakeTheirServicesLargerLimits() {
		this.client.post()
			.uri("/api/jobs")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue(new byte[5 << 20])
			.exchange()
			.expectStatus()
			.isOk();
		this.client.post()
			.uri("/v2/models/mnist/infer")
			.header("X-Api-Key", "body-size-limit-test-key")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(new byte[5 << 20])
			.exchange()
			.expectStatus()
			.isOk();
		this.client.post()
			.uri("/v2/models/mnist/infer")
			.header("X-Api-Key", "body-size-limit-test-key")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(new byte[(16 << 20) + 1])
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("The request body is larger than this path takes (16 MB).");
	}

}
