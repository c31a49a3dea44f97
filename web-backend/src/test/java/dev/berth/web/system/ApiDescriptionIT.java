package dev.berth.web.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.berth.web.WebAppTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser app's API client is typed from web-frontend/openapi.json; this test keeps
 * that copy equal to what the backend serves, so the two cannot drift apart. After an API
 * change, refresh the copy with
 * {@code ./mvnw -pl web-backend verify -Dit.test=ApiDescriptionIT -Dberth.openapi.write=true}
 * and rebuild the frontend, whose type check then shows every place to adapt.
 */
@WebAppTest
class ApiDescriptionIT {

	static final Path COPY = Path.of("..", "web-frontend", "openapi.json");

	static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	@Autowired
	RestTestClient http;

	@Test
	void theFrontendsCopyOfTheApiDescriptionIsCurrent() throws IOException {
		String served = http.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
		JsonNode description = JSON.readTree(served);
		// The server's address differs per run (random port); the copy names none.
		((tools.jackson.databind.node.ObjectNode) description).remove("servers");
		String current = JSON.writeValueAsString(description) + "\n";

		if (Boolean.getBoolean("berth.openapi.write")) {
			Files.writeString(COPY, current, StandardCharsets.UTF_8);
		}
		assertThat(Files.readString(COPY, StandardCharsets.UTF_8))
			.as("web-frontend/openapi.json is out of date: rerun this test with -Dberth.openapi.write=true")
			.isEqualTo(current);
	}

	@Test
	void browserAppViewsAnswerWithTheAppOnReload() {
		for (String view : new String[] { "/history", "/stats", "/jobs/12" }) {
			http.get()
				.uri(view)
				.header("Accept", "text/html")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.value(html -> assertThat(html).as(view).contains("<html").doesNotContain("Whitelabel"));
		}
		http.get().uri("/api/nothing-here").header("Accept", "text/html").exchange().expectStatus().isNotFound();
	}

}
