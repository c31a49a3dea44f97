package dev.berth.ml.requestid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.FilterChain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The id in the logging context while the request is served, gone afterwards, and in the
 * answer: the caller's when well formed, a new one otherwise.
 */
class RequestIdFilterTest {

	private final RequestIdFilter filter = new RequestIdFilter();

	@ParameterizedTest
	@ValueSource(strings = { "abc-123", "A.b_C-9", "0123456789012345678901234567890123456789012345678901234567890123" })
	void aWellFormedIdIsLoggedAndEchoed(String id) throws Exception {
		Served served = serve(id);

		assertThat(served.loggedId()).isEqualTo(id);
		assertThat(served.response().getHeader(RequestIdFilter.HEADER)).isEqualTo(id);
		assertThat(MDC.get(RequestIdFilter.MDC_KEY)).as("cleared after the request").isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "abc 123", "abc\r\nINFO forged line", "ünïcode", "a/b",
			"01234567890123456789012345678901234567890123456789012345678901234" })
	void aMalformedIdIsReplacedByANewOne(String id) throws Exception {
		Served served = serve(id);

		assertThat(served.loggedId()).isNotEqualTo(id).satisfies(RequestIdFilterTest::isRandomUuid);
		assertThat(served.response().getHeader(RequestIdFilter.HEADER)).isEqualTo(served.loggedId());
	}

	@Test
	void aRequestWithoutAnIdGetsANewOneEachTime() throws Exception {
		Served first = serve(null);
		Served second = serve(null);

		assertThat(first.loggedId()).satisfies(RequestIdFilterTest::isRandomUuid);
		assertThat(first.response().getHeader(RequestIdFilter.HEADER)).isEqualTo(first.loggedId());
		assertThat(second.loggedId()).isNotEqualTo(first.loggedId());
	}

	@Test
	void theIdLeavesTheLoggingContextWhenTheRequestFails() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v2/models/mnist/infer");
		request.addHeader(RequestIdFilter.HEADER, "abc-123");
		FilterChain failing = (req, res) -> {
			throw new IllegalStateException("failed");
		};

		assertThatIllegalStateException()
			.isThrownBy(() -> filter.doFilter(request, new MockHttpServletResponse(), failing));
		assertThat(MDC.get(RequestIdFilter.MDC_KEY)).isNull();
	}

	private Served serve(String suppliedId) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v2/models/mnist/infer");
		if (suppliedId != null) {
			request.addHeader(RequestIdFilter.HEADER, suppliedId);
		}
		MockHttpServletResponse response = new MockHttpServletResponse();
		AtomicReference<String> logged = new AtomicReference<>();
		filter.doFilter(request, response, (req, res) -> logged.set(MDC.get(RequestIdFilter.MDC_KEY)));
		return new Served(logged.get(), response);
	}

	private static void isRandomUuid(String id) {
		assertThat(RequestIdFilter.wellFormed(id)).isTrue();
		UUID uuid = UUID.fromString(id);
		assertThat(uuid.toString()).isEqualTo(id);
		assertThat(uuid.version()).isEqualTo(4);
		assertThat(uuid.variant()).isEqualTo(2);
	}

	private record Served(String loggedId, MockHttpServletResponse response) {
	}

}
