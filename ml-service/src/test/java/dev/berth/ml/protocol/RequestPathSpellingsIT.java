package dev.berth.ml.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.berth.ml.MnistSample;
import dev.berth.ml.V2Client;
import dev.berth.ml.V2Client.Reply;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Tomcat and Spring map other spellings of a path to the same endpoint: percent-encoded
 * letters ({@code /%762/...}), path parameters ({@code /v2;x=1/...}). Each spelling that
 * reaches an inference endpoint meets the same body limit and large-body budget as the
 * canonical path, is counted by the request metrics like it, and serves a normal request
 * like it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "berth.ml.model-repository=model-repository", "berth.ml.protocol.max-request-size=64KB",
				"berth.ml.protocol.large-request-budget=256KB" })
class RequestPathSpellingsIT {

	private static final MnistSample SAMPLE = MnistSample.load();

	// 2 GiB: over the limit, and more than one byte array can hold.
	private static final long HUGE = 2L * 1024 * 1024 * 1024;

	@LocalServerPort
	int port;

	@Autowired
	RequestSizeLimitFilter sizeLimit;

	@Autowired
	MeterRegistry meters;

	@ParameterizedTest
	@ValueSource(strings = { "/v2/models/mnist/infer", "/%762/models/mnist/infer", "/v2;x=1/models/mnist/infer",
			"/v2/models;x=1/mnist/infer", "/%76%32/models/mnist/versions/1/infer", "/v2/models/mnist/infer;x=1" })
	void aDeclaredLengthOverTheLimitIs413BeforeAnyOfTheBodyIsRead(String path) throws IOException {
		int budgetBefore = sizeLimit.largeBodyBudgetAvailableKib();
		double refusedBefore = refused();

		// Only the first bytes of the body are sent and the connection stays open: an
		// answer can only come from a server that refused without reading (or allocating
		// room for) the rest.
		RawReply reply = send("POST", path, "Content-Type: application/json\r\nContent-Length: " + HUGE,
				"{\"inputs\": [");

		assertThat(reply.status()).as(reply.text()).isEqualTo(413);
		assertThat(reply.text()).contains("application/json")
			.contains("{\"error\":\"request body of 2147483648 bytes is larger than the limit of 65536 bytes\"}");
		assertThat(sizeLimit.largeBodyBudgetAvailableKib()).as("nothing taken from the large-body budget")
			.isEqualTo(budgetBefore)
			.isEqualTo(256);
		assertThat(refused()).as("counted as a refused mnist inference").isEqualTo(refusedBefore + 1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/%762/models/mnist/infer", "/v2;x=1/models/mnist/infer" })
	void aChunkedBodyThatGrowsOverTheLimitIs413(String path) throws IOException {
		byte[] chunk = ("{\"id\": \"" + "x".repeat(70 * 1024) + "\"}").getBytes(StandardCharsets.US_ASCII);
		String body = Integer.toHexString(chunk.length) + "\r\n" + new String(chunk, StandardCharsets.US_ASCII)
				+ "\r\n0\r\n\r\n";

		RawReply reply = send("POST", path, "Content-Type: application/json\r\nTransfer-Encoding: chunked", body);

		assertThat(reply.status()).as(reply.text()).isEqualTo(413);
		assertThat(reply.text()).contains("{\"error\":\"request body is larger than the limit of 65536 bytes\"}");
		assertThat(sizeLimit.largeBodyBudgetAvailableKib()).as("the budget is given back").isEqualTo(256);
	}

	@ParameterizedTest
	@CsvSource({ "POST, /%70redictions/mnist, image/png", "POST, /predictions;x=1/mnist, image/png",
			"PUT, /predictions/mnist, application/x-www-form-urlencoded",
			"PUT, /%70redictions/mnist, application/x-www-form-urlencoded" })
	void picturesKeepTheirOwnLimitWhateverTheSpelling(String method, String path, String contentType)
			throws IOException {
		// A form-encoded PUT too: no form filter reads it before the limit is checked.
		RawReply reply = send(method, path, "Content-Type: " + contentType + "\r\nContent-Length: " + HUGE,
				"\u0089PNG");

		assertThat(reply.status()).as(reply.text()).isEqualTo(413);
		assertThat(reply.text()).contains("{\"error\":\"the picture has 2147483648 bytes; at most 10485760");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/%762/models/mnist/infer", "/v2;x=1/models/mnist/infer", "/v2/models;x=1/mnist/infer",
			"/%76%32/models/mnist/versions/1/infer", "/v2/models/%6Dnist/infer" })
	void aNormalRequestIsAnsweredAsOnTheCanonicalPath(String path) {
		V2Client client = new V2Client(port);
		Object digit = SAMPLE.request(0, 1);
		Reply canonical = client.post("/v2/models/mnist/infer", digit);
		assertThat(canonical.status()).isEqualTo(200);

		Reply spelled = client.post(path, digit);

		assertThat(spelled.status()).as(spelled.body()).isEqualTo(200);
		assertThat(spelled.json()).isEqualTo(canonical.json());
	}

	private double refused() {
		Counter counter = meters.find(InferenceMetricsFilter.REQUESTS)
			.tags("model", "mnist", "endpoint", "infer", "status", "413")
			.counter();
		return counter == null ? 0 : counter.count();
	}

	/**
	 * Sends a request's head and the given start of its body, leaves the connection open
	 * for more, and reads the answer.
	 */
	private RawReply send(String method, String path, String headers, String bodyStart) throws IOException {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n" + headers
					+ "\r\nConnection: close\r\n\r\n" + bodyStart)
				.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			return new RawReply(readAnswer(socket.getInputStream()));
		}
	}

	/**
	 * The answer's head and body, read by its Content-Length or chunks; the server may
	 * keep the connection open, as the client still has a body to send.
	 */
	private static String readAnswer(InputStream in) throws IOException {
		ByteArrayOutputStream answer = new ByteArrayOutputStream();
		while (!answer.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
			answer.write(readByte(in));
		}
		String head = answer.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
		Matcher length = Pattern.compile("\r\ncontent-length: *(\\d+)").matcher(head);
		if (length.find()) {
			answer.write(in.readNBytes(Integer.parseInt(length.group(1))));
		}
		else if (head.contains("\r\ntransfer-encoding: chunked")) {
			while (!answer.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n0\r\n\r\n")) {
				answer.write(readByte(in));
			}
		}
		return answer.toString(StandardCharsets.ISO_8859_1);
	}

	private static int readByte(InputStream in) throws IOException {
		int b = in.read();
		if (b < 0) {
			throw new EOFException("the connection closed before the whole answer came");
		}
		return b;
	}

	/** An HTTP answer as it came over the wire. */
	private record RawReply(String text) {

		int status() {
			List<String> statusLine = List.of(text.split("\r\n", 2)[0].split(" "));
			return statusLine.size() > 1 ? Integer.parseInt(statusLine.get(1)) : -1;
		}

	}

}
