package dev.berth.web.system;

import dev.berth.web.WebAppTest;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.JdbcDatabaseContainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * With the database gone, the API says so with 503 and Retry-After instead of 500. Its
 * own application context and database (the property below makes the context distinct),
 * since the test stops that database.
 */
@WebAppTest
@TestPropertySource(properties = "spring.datasource.hikari.connection-timeout=1000")
@DirtiesContext
class DatabaseOutageIT {

	@Autowired
	RestTestClient http;

	@Autowired
	JdbcDatabaseContainer<?> database;

	@Test
	void withoutTheDatabaseTheApiAnswers503WithRetryAfter() {
		http.get().uri("/api/predictions").exchange().expectStatus().isOk();

		database.stop();

		for (String uri : new String[] { "/api/predictions", "/api/stats", "/api/predictions/1" }) {
			http.get()
				.uri(uri)
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectHeader()
				.valueEquals(HttpHeaders.RETRY_AFTER, "5")
				.expectBody()
				.jsonPath("$.title")
				.isEqualTo("Database unavailable");
		}
	}

}
