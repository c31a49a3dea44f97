package dev.berth.web.system;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.berth.web.WebAppTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The app as the browser, the gateway and the container runtime see it. */
@WebAppTest
class WebAppIT {

	@Autowired
	RestTestClient http;

	@Test
	void theBrowserAppIsServedAtTheRoot() {
		String html = new String(http.get()
			.uri("/")
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody()
			.returnResult()
			.getResponseBodyContent());

		assertThat(html).contains("<title>Berth — handwritten digits</title>");
		// The script Vite built and the page references is served too, so the page
		// actually works.
		Matcher script = Pattern.compile("<script[^>]+src=\"\\.?/?(assets/[^\"]+\\.js)\"").matcher(html);
		assertThat(script.find()).as("index.html references a built script").isTrue();
		http.get()
			.uri("/" + script.group(1))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith("text/javascript");
	}

	/** Readiness includes the database; liveness only says the process answers. */
	@ParameterizedTest
	@ValueSource(strings = { "readiness", "liveness" })
	void theContainerRuntimesProbesAnswerUp(String probe) {
		http.get()
			.uri("/actuator/health/" + probe)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
	}

	@Test
	void unknownPathsAndMethodsAreProblemDetails() {
		http.get()
			.uri("/api/nothing-here")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(404);
		http.delete()
			.uri("/api/predictions")
			.exchange()
			.expectStatus()
			.isEqualTo(405)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		http.get()
			.uri("/api/predictions/not-a-number")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.consumeWith(r -> assertThat(new String(r.getResponseBodyContent())).doesNotContain("Exception", "\tat "));
	}

}
