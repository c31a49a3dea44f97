package dev.berth.ml.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.berth.ml.MnistSample;
import dev.berth.ml.V2Client;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Large request bodies share a memory budget while they are parsed: one that finds no
 * room in time gets 503 with Retry-After instead of piling more arrays onto the heap,
 * small requests never wait, and the held request completes normally.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "berth.ml.model-repository=model-repository", "berth.ml.protocol.max-request-size=256KB",
				"berth.ml.protocol.large-request-budget=256KB", "berth.ml.protocol.large-request-wait=200ms" })
class LargeRequestBudgetIT {

	private static final String INFER = "/v2/models/mnist/infer";

	private static final MnistSample SAMPLE = MnistSample.load();

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aLargeRequestWaitsForRoomOr503sWhileSmallOnesAreServed() throws Exception {
		byte[] digit = V2Client.JSON.writeValueAsBytes(SAMPLE.request(0, 1));
		// 24 digits, ~85 KB: over the 64 KB below which requests skip the budget.
		byte[] large = V2Client.JSON.writeValueAsBytes(SAMPLE.request(0, 24));
		assertThat(large.length).isBetween(64 * 1024 + 1, 256 * 1024);

		// A chunked body of unknown length takes the whole budget until it is answered;
		// hold it open.
		try (Socket held = new Socket("localhost", port)) {
			held.setSoTimeout(30_000);
			OutputStream out = held.getOutputStream();
			out.write(("POST " + INFER + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
					+ "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			writeChunk(out, digit, 0, digit.length / 2);

			HttpResponse<String> refused = awaitStatus(large, 503);
			assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
			assertThat(V2Client.JSON.readTree(refused.body()).path("error").asString())
				.isEqualTo("the server is busy parsing other large requests; retry, or send fewer rows per request");
			assertThat(post(digit).statusCode()).as("a small request is served meanwhile").isEqualTo(200);
			assertThat(http
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v2/health/ready")).build(),
						HttpResponse.BodyHandlers.ofString())
				.statusCode()).as("and a health check").isEqualTo(200);

			writeChunk(out, digit, digit.length / 2, digit.length - digit.length / 2);
			out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String statusLine = new BufferedReader(
					new InputStreamReader(held.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
			assertThat(statusLine).as("the held request is answered").startsWith("HTTP/1.1 200");
		}
		assertThat(post(large).statusCode()).as("the budget is free again").isEqualTo(200);
	}

	private static void writeChunk(OutputStream out, byte[] bytes, int from, int length) throws IOException {
		out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.write(bytes, from, length);
		out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	/**
	 * Posts until the answer has the status: the held request reaches the server
	 * asynchronously.
	 */
	private HttpResponse<String> awaitStatus(byte[] body, int status) {
		return await("an answer " + status).atMost(Duration.ofMinutes(1))
			.until(() -> post(body), response -> response.statusCode() == status);
	}

	private HttpResponse<String> post(byte[] body) throws Exception {
		return http.send(request().POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private HttpRequest.Builder request() {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + INFER))
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(30));
	}

}
