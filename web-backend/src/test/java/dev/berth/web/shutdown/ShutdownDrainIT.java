package dev.berth.web.shutdown;

import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.berth.testsupport.RequiresDocker;
import dev.berth.web.TestcontainersConfiguration;
import dev.berth.web.WebApplication;
import dev.berth.web.inference.StubMlConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static java.util.concurrent.TimeUnit.MINUTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * With {@code berth.shutdown.drain}, a stopping app goes on answering for that long, each
 * answer with {@code Connection: close}: callers (the gateway) drop their pooled
 * connections to it and move to the other replicas without a failed request. Then it
 * shuts down as usual. Started as {@code TestWebApplication} starts it, with
 * {@code @WebAppTest}'s configurations (a database of its own, a stub ml), but not as a
 * {@code @SpringBootTest}: the test framework fails on a context that a test closed.
 */
@RequiresDocker
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ShutdownDrainIT {

	final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void aClosingAppKeepsAnsweringButClosesEachConnection() throws Exception {
		ConfigurableApplicationContext context = SpringApplication.from(WebApplication::main)
			.with(TestcontainersConfiguration.class, StubMlConfiguration.class)
			.run("--server.port=0", "--berth.shutdown.drain=3s")
			.getApplicationContext();
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		try {
			HttpResponse<String> before = get(port, "/api/stats");
			assertThat(before.statusCode()).as(before.body()).isEqualTo(200);
			assertThat(connection(before)).as("keep-alive").doesNotContainIgnoringCase("close");

			Thread closing = Thread.ofPlatform().name("closing").start(context::close);
			await("drain begun").atMost(1, MINUTES)
				.until(() -> connection(get(port, "/actuator/health/liveness")).equalsIgnoreCase("close"));

			HttpResponse<String> during = get(port, "/api/stats");
			assertThat(during.statusCode()).as(during.body()).isEqualTo(200);
			assertThat(connection(during)).isEqualToIgnoringCase("close");
			HttpResponse<String> ready = get(port, "/actuator/health/readiness");
			assertThat(ready.statusCode()).as("no longer ready").isEqualTo(503);
			assertThat(connection(ready)).isEqualToIgnoringCase("close");

			assertThat(closing.join(Duration.ofMinutes(1))).as("close completed").isTrue();
			assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).as("closed port")
				.isInstanceOf(ConnectException.class);
		}
		finally {
			context.close();
		}
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static String connection(HttpResponse<?> response) {
		return response.headers().firstValue("Connection").orElse("");
	}

}
