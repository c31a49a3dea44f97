package dev.berth.ml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for the tests: what any V2 client would send, no Spring in between.
 */
public final class V2Client {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	public V2Client(int port) {
		this.baseUrl = "http://localhost:" + port;
	}

	public Reply get(String path) {
		return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
	}

	public Reply post(String path, Object body) {
		return postRaw(path, JSON.writeValueAsString(body), "application/json");
	}

	public Reply postRaw(String path, String body, String contentType) {
		return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private Reply send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
			return new Reply(response.statusCode(), response.body(),
					response.headers().firstValue("Content-Type").orElse(""));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** A response: status, raw body, content type. */
	public record Reply(int status, String body, String contentType) {

		public JsonNode json() {
			return JSON.readTree(body);
		}

		/** The protocol's error message, from {@code {"error": "..."}}. */
		public String error() {
			return json().path("error").asString();
		}
	}

}
