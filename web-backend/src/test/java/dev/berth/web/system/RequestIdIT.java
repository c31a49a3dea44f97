package dev.berth.web.system;

import java.util.Collections;
import java.util.Map;

import dev.berth.web.WebAppTest;
import dev.berth.web.inference.StubMlServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One request id across the logs: the gateway's X-Request-Id (or a new one) is echoed and
 * passed on to ml.
 */
@WebAppTest
class RequestIdIT {

	static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

	/** 65 characters, one more than allowed. */
	static final String TOO_LONG = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0";

	@Autowired
	RestTestClient http;

	@Autowired
	StubMlServer ml;

	@BeforeEach
	void reset() {
		ml.reset();
	}

	@Test
	void theGatewaysRequestIdIsEchoedAndPassedOnToMl() {
		String echoed = classify("abc-123");

		assertThat(echoed).isEqualTo("abc-123");
		assertThat(ml.requests()).singleElement()
			.satisfies(request -> assertThat(request.requestId()).isEqualTo("abc-123"));
	}

	/** Too long, or characters that could forge log lines: replaced, never logged. */
	@ParameterizedTest
	@ValueSource(strings = { "two words", "abc-123\"] INFO forged", "", TOO_LONG })
	void aMalformedRequestIdIsReplaced(String malformed) {
		String echoed = classify(malformed);

		assertThat(echoed).matches(UUID);
		assertThat(ml.requests()).singleElement()
			.satisfies(request -> assertThat(request.requestId()).isEqualTo(echoed));
	}

	@Test
	void withoutTheGatewayEachRequestGetsAnIdOfItsOwn() {
		String first = classify(null);
		String second = classify(null);

		assertThat(first).matches(UUID).isNotEqualTo(second);
		assertThat(ml.requests()).extracting(StubMlServer.Request::requestId).containsExactly(first, second);
	}

	@Test
	void refusalsCarryTheRequestIdToo() {
		http.get()
			.uri("/api/nothing-here")
			.header(RequestId.HEADER, "abc-404")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.valueEquals(RequestId.HEADER, "abc-404");
	}

	private String classify(String requestId) {
		return http.post().uri("/api/predictions").headers(headers -> {
			if (requestId != null) {
				headers.set(RequestId.HEADER, requestId);
			}
		})
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("pixels", Collections.nCopies(784, 0.5)))
			.exchange()
			.expectStatus()
			.isCreated()
			.returnResult()
			.getResponseHeaders()
			.getFirst(RequestId.HEADER);
	}

}
