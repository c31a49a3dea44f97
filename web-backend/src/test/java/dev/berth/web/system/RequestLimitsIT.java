package dev.berth.web.system;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import dev.berth.web.WebAppTest;
import dev.berth.web.prediction.PredictionRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An oversized JSON body is refused with 413 before it is parsed, whether its size is
 * declared up front or only shows while it streams in.
 */
@WebAppTest
class RequestLimitsIT {

	@LocalServerPort
	int port;

	@Autowired
	PredictionRepository predictions;

	@BeforeEach
	void clear() {
		predictions.deleteAll();
	}

	@ParameterizedTest(name = "length declared: {0}")
	@ValueSource(booleans = { true, false })
	void aHugeJsonBodyIsRefusedWith413(boolean lengthDeclared) throws Exception {
		// Valid JSON all the way: only its size is wrong.
		byte[] body = ("{\"pixels\":[" + "0.5,".repeat(400_000) + "0.5]}").getBytes(StandardCharsets.US_ASCII);
		HttpRequest.BodyPublisher publisher = lengthDeclared ? HttpRequest.BodyPublishers.ofByteArray(body)
				: HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/predictions"))
			.header("Content-Type", "application/json")
			.POST(publisher)
			.build();

		HttpResponse<String> response;
		try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
			response = client.send(request, HttpResponse.BodyHandlers.ofString());
		}

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("larger than 65536 bytes");
		assertThat(predictions.count()).isZero();
	}

}
