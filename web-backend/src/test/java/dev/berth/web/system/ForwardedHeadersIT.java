package dev.berth.web.system;

import java.util.Collections;
import java.util.Map;
import java.util.function.Consumer;

import dev.berth.web.WebAppTest;
import dev.berth.web.inference.StubMlServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind the gateway, whatever the app generates with a host in it names the public side
 * the gateway reports in X-Forwarded-*, not the app's own address.
 */
@WebAppTest
class ForwardedHeadersIT {

	static final Consumer<HttpHeaders> FROM_GATEWAY = headers -> {
		headers.set("X-Forwarded-For", "203.0.113.7");
		headers.set("X-Forwarded-Proto", "https");
		headers.set("X-Forwarded-Host", "berth.example.com");
		headers.set("X-Forwarded-Port", "443");
	};

	@Autowired
	RestTestClient http;

	@Autowired
	StubMlServer ml;

	@BeforeEach
	void reset() {
		ml.reset();
	}

	@Test
	void theApiDescriptionNamesThePublicServer() {
		http.get()
			.uri("/v3/api-docs")
			.headers(FROM_GATEWAY)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.servers[0].url")
			.isEqualTo("https://berth.example.com");
	}

	@Test
	void aCreatedPredictionsLocationIsOnThePublicHost() {
		http.post()
			.uri("/api/predictions")
			.headers(FROM_GATEWAY)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("pixels", Collections.nCopies(784, 0.5)))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.value(HttpHeaders.LOCATION,
					location -> assertThat(location).matches("https://berth\\.example\\.com/api/predictions/\\d+"));
	}

	/** Relative, or absolute on the public host, but never the app's own address. */
	@Test
	void theApiUisRedirectStaysOnThePublicHost() {
		http.get()
			.uri("/swagger-ui.html")
			.headers(FROM_GATEWAY)
			.exchange()
			.expectStatus()
			.is3xxRedirection()
			.expectHeader()
			.value(HttpHeaders.LOCATION, location -> assertThat(location)
				.matches("(https://berth\\.example\\.com)?/swagger-ui/index\\.html"));
	}

}
