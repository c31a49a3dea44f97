package dev.berth.gateway.paths;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import dev.berth.gateway.UpstreamServers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spellings of a path that a server behind the gateway would read as another path are
 * refused before routing, sent as a client would send them: raw, over a socket.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "berth.gateway.api-keys=paths:path-spelling-test-key" })
class PathSpellingTest extends UpstreamServers {

	@LocalServerPort
	private int port;

	@ParameterizedTest
	@ValueSource(strings = { "/%762/models/mnist/infer", "/v2;x=1/models/mnist/infer", "/api/../v2/models/mnist/infer",
			"/api/%2e%2e/v2/repository/index", "/v2/./repository/index", "/v2%2Frepository/index", "//v2/models",
			"/v2/models/mnist/infer/.", "/%61ctuator/env" })
	void aNonCanonicalPathIsA400AndReachesNoUpstream(String path) throws IOException {
		int before = web.received().size() + ml.received().size();

		String response = send("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
				+ "Authorization: Bearer path-spelling-test-key\r\nContent-Type: application/json\r\n"
				+ "Content-Length: 2\r\nConnection: close\r\n\r\n{}");

		assertThat(response).startsWith("HTTP/1.1 400");
		assertThat(response).contains("application/problem+json", "The path is not in canonical form");
		assertThat(web.received().size() + ml.received().size()).isEqualTo(before);
	}

	/** Paths that are not even valid URIs are refused by the HTTP server itself. */
	@ParameterizedTest
	@ValueSource(strings = { "/api\\..\\v2", "/%zz", "/v2%" })
	void anInvalidPathIsA400AndReachesNoUpstream(String path) throws IOException {
		int before = web.received().size() + ml.received().size();

		String response = send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 400");
		assertThat(web.received().size() + ml.received().size()).isEqualTo(before);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/digit%20seven.png", "/api/jobs/1/results.csv", "/v2/models/mnist" })
	void aCanonicalPathPasses(String path) throws IOException {
		String response = send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"
				+ "X-Api-Key: path-spelling-test-key\r\nConnection: close\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 200").contains(" " + path + " id=");
	}

	private String send(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			StringBuilder response = new StringBuilder();
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				response.append(line).append('\n');
			}
			return response.toString();
		}
	}

}
