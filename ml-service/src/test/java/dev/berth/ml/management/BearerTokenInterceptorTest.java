package dev.berth.ml.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class BearerTokenInterceptorTest {

	final BearerTokenInterceptor interceptor = new BearerTokenInterceptor("0123456789abcdef");

	@Test
	void acceptsTheTokenWhateverTheSchemesCase() {
		assertThat(interceptor.preHandle(request("Bearer 0123456789abcdef"), new MockHttpServletResponse(), this))
			.isTrue();
		assertThat(interceptor.preHandle(request("bearer 0123456789abcdef"), new MockHttpServletResponse(), this))
			.isTrue();
	}

	@Test
	void refusesMissingOtherSchemeAndWrongTokens() {
		for (String header : new String[] { null, "", "Basic 0123456789abcdef", "Bearer", "Bearer ",
				"Bearer 0123456789abcde", "Bearer 0123456789abcdef0", "Bearer 0123456789ABCDEF" }) {
			assertThatThrownBy(() -> interceptor.preHandle(request(header), new MockHttpServletResponse(), this))
				.as(String.valueOf(header))
				.isInstanceOf(BearerTokenInterceptor.UnauthorizedException.class);
		}
	}

	private static MockHttpServletRequest request(String authorization) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v2/repository/index");
		if (authorization != null) {
			request.addHeader("Authorization", authorization);
		}
		return request;
	}

}
