package dev.berth.web.system;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.berth.testsupport.RequiresDocker;
import dev.berth.web.TestcontainersConfiguration;
import dev.berth.web.inference.StubMlConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The app as the browser, the gateway and the container runtime see it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@Import({ TestcontainersConfiguration.class, StubMlConfiguration.class })
@RequiresDocker
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

	@Test
	void readinessIncludesTheDatabaseAndLivenessAnswers() {
		http.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
		http.get()
			.uri("/actuator/health/liveness")
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
