package dev.berth.ml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tests' HTTP client for every endpoint of the server (V2 API, pictures, management,
 * actuator): plain java.net.http, what any client would send, no Spring in between.
 */
public final class V2Client {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	public V2Client(int port) {
		this.baseUrl = "http://localhost:" + port;
	}

	public Reply get(String path) {
		return send("GET", path, null, Map.of());
	}

	/** Posts an object as JSON. */
	public Reply post(String path, Object body) {
		return post(path, JSON.writeValueAsBytes(body), "application/json");
	}

	public Reply postRaw(String path, String body, String contentType) {
		return post(path, body.getBytes(StandardCharsets.UTF_8), contentType);
	}

	/**
	 * @param contentType null to send none
	 */
	public Reply post(String path, byte[] body, String contentType) {
		return send("POST", path, body, contentType == null ? Map.of() : Map.of("Content-Type", contentType));
	}

	/**
	 * @param body null to send none
	 */
	public Reply send(String method, String path, byte[] body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
			.timeout(Duration.ofSeconds(30))
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
		headers.forEach(request::header);
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Reply(response.statusCode(), response.body(), response.headers());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** A response: status, raw body, headers. */
	public record Reply(int status, String body, HttpHeaders headers) {

		public JsonNode json() {
			return JSON.readTree(body);
		}

		/** The error message, from {@code {"error": "..."}}. */
		public String error() {
			return json().path("error").asString();
		}

		/** The header's first value, or "" when there is none. */
		public String header(String name) {
			return headers.firstValue(name).orElse("");
		}

		public String contentType() {
			return header("Content-Type");
		}
	}

}
