package dev.berth.ml.requestid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.berth.ml.V2Client;
import dev.berth.ml.V2Client.Reply;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Over HTTP: every answer carries the request's id, the caller's when well formed, a new
 * one otherwise, refusals included; and the log lines written for the request name it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "berth.ml.model-repository=model-repository", "berth.ml.protocol.max-request-size=1KB" })
@ExtendWith(OutputCaptureExtension.class)
class RequestIdIT {

	@LocalServerPort
	int port;

	@Test
	void aWellFormedIdIsEchoed() {
		Reply reply = get("/v2/health/ready", "abc-123");

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.header("X-Request-Id")).isEqualTo("abc-123");
	}

	@Test
	void aMalformedIdIsReplacedByANewOne() {
		Reply withSpace = get("/v2/health/ready", "abc 123");
		Reply tooLong = get("/v2/health/ready", "a".repeat(200));

		assertThat(withSpace.header("X-Request-Id"))
			.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
		assertThat(tooLong.header("X-Request-Id")).matches("[0-9a-f-]{36}")
			.isNotEqualTo(withSpace.header("X-Request-Id"));
	}

	@Test
	void refusalsCarryTheIdToo() {
		Reply notFound = get("/v2/models/nosuchmodel", "refused-1");
		Reply tooLarge = new V2Client(port).send("POST", "/v2/models/mnist/infer", new byte[2048],
				Map.of("Content-Type", "application/json", "X-Request-Id", "refused-2"));

		assertThat(notFound.status()).isEqualTo(404);
		assertThat(notFound.header("X-Request-Id")).isEqualTo("refused-1");
		assertThat(tooLarge.status()).isEqualTo(413);
		assertThat(tooLarge.header("X-Request-Id")).isEqualTo("refused-2");
	}

	@Test
	void logLinesWrittenForTheRequestNameIt(CapturedOutput output) {
		assertThat(get("/test/log", "logged-42").status()).isEqualTo(200);
		LoggerFactory.getLogger(RequestIdIT.class).info("logged outside any request");

		assertThat(output.getOut().lines().filter(line -> line.contains("served a request that logs"))).singleElement()
			.satisfies(line -> assertThat(line).contains(" INFO [logged-42] "));
		assertThat(output.getOut().lines().filter(line -> line.contains("logged outside any request"))).singleElement()
			.satisfies(line -> assertThat(line).contains(" INFO [] "));
	}

	private Reply get(String path, String requestId) {
		return new V2Client(port).send("GET", path, null, Map.of("X-Request-Id", requestId));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class LoggingEndpoint {

		@Bean
		LoggingController loggingController() {
			return new LoggingController();
		}

	}

	@RestController
	static class LoggingController {

		private static final Logger log = LoggerFactory.getLogger(LoggingController.class);

		@GetMapping("/test/log")
		void log() {
			log.info("served a request that logs");
		}

	}

}
