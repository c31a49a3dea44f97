package dev.berth.ml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** Requests with any body bytes and headers, for endpoints that take more than JSON. */
public final class RawHttp {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	public RawHttp(int port) {
		this.baseUrl = "http://localhost:" + port;
	}

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

	public Reply post(String path, byte[] body, String contentType) {
		return send("POST", path, body, contentType == null ? Map.of() : Map.of("Content-Type", contentType));
	}

	/** A response: status, raw body, headers. */
	public record Reply(int status, String body, HttpHeaders headers) {

		public JsonNode json() {
			return V2Client.JSON.readTree(body);
		}

		/** The error message, from {@code {"error": "..."}}. */
		public String error() {
			return json().path("error").asString();
		}

		public String header(String name) {
			return headers.firstValue(name).orElse("");
		}
	}

}
