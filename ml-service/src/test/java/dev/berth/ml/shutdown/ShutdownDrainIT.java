package dev.berth.ml.shutdown;

import static java.util.concurrent.TimeUnit.MINUTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.berth.ml.MlServiceApplication;
import dev.berth.ml.MnistSample;
import dev.berth.ml.TestRepository;
import dev.berth.ml.V2Client;
import dev.berth.ml.V2Client.Reply;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With {@code berth.shutdown.drain}, a stopping server goes on answering for that long,
 * each answer with {@code Connection: close}: callers drop their pooled connections to it
 * and move to the other replicas without a failed request. Then it shuts down as usual.
 * Its own application context, since the test closes it.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ShutdownDrainIT {

	@Test
	void aClosingServerKeepsAnsweringButClosesEachConnection() throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(MlServiceApplication.class).run(
				"--server.port=0", "--berth.ml.model-repository=" + TestRepository.create().withMnist().root(),
				"--berth.shutdown.drain=3s");
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		V2Client client = new V2Client(port);
		MnistSample sample = MnistSample.load();
		try {
			Reply before = client.post("/v2/models/mnist/infer", sample.request(0, 1));
			assertThat(before.status()).as(before.body()).isEqualTo(200);
			assertThat(before.header("Connection")).as("keep-alive").doesNotContainIgnoringCase("close");

			Thread closing = Thread.ofPlatform().name("closing").start(context::close);
			await("drain begun").atMost(1, MINUTES)
				.until(() -> client.get("/v2/health/live").header("Connection").equalsIgnoreCase("close"));

			Reply during = client.post("/v2/models/mnist/infer", sample.request(1, 2));
			assertThat(during.status()).as(during.body()).isEqualTo(200);
			assertThat(MnistSample.digit(during)).isEqualTo(sample.pythonPredictions().get(1));
			assertThat(during.header("Connection")).isEqualToIgnoringCase("close");
			Reply ready = client.get("/v2/health/ready");
			assertThat(ready.status()).as("no longer ready: " + ready.body()).isEqualTo(503);
			assertThat(ready.header("Connection")).isEqualToIgnoringCase("close");

			assertThat(closing.join(Duration.ofMinutes(1))).as("close completed").isTrue();
			assertThatThrownBy(() -> new Socket("localhost", port).close()).as("closed port")
				.isInstanceOf(ConnectException.class);
		}
		finally {
			context.close();
		}
	}

}
