package dev.berth.ml.batching;

import static java.util.concurrent.TimeUnit.MINUTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.berth.ml.MlServiceApplication;
import dev.berth.ml.MnistSample;
import dev.berth.ml.TestRepository;
import dev.berth.ml.V2Client;
import dev.berth.ml.V2Client.Reply;

import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Shutting the server down (what SIGTERM does) answers the requests already queued in the
 * batcher before the models close, then refuses connections. The requests are held in the
 * queue by a one minute max queue delay, longer than the shutdown timeout: they can only
 * be answered in time because shutdown tells the batchers to stop holding batches back.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class GracefulShutdownIT {

	static final int QUEUED = 6;

	@Test
	void shutdownAnswersQueuedRequestsBeforeTheModelsClose() throws Exception {
		TestRepository repository = TestRepository.create().withMnist("""
				dynamic_batching:
				  max_batch_size: 32
				  max_queue_delay_microseconds: 60000000
				""");
		ConfigurableApplicationContext context = new SpringApplicationBuilder(MlServiceApplication.class)
			.run("--server.port=0", "--berth.ml.model-repository=" + repository.root());
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		MeterRegistry meters = context.getBean(MeterRegistry.class);
		MnistSample sample = MnistSample.load();
		V2Client client = new V2Client(port);
		ExecutorService clients = Executors.newFixedThreadPool(QUEUED);
		try {
			List<CompletableFuture<Reply>> replies = new ArrayList<>();
			for (int i = 0; i < QUEUED; i++) {
				int digit = i;
				replies.add(CompletableFuture.supplyAsync(
						() -> client.post("/v2/models/mnist/infer", sample.request(digit, digit + 1)), clients));
			}
			await(QUEUED + " requests queued").atMost(1, MINUTES)
				.until(() -> meters.get("berth.ml.queue.size").gauge().value() == QUEUED);

			context.close();

			for (int i = 0; i < QUEUED; i++) {
				Reply reply = replies.get(i).get();
				assertThat(reply.status()).as(reply.body()).isEqualTo(200);
				assertThat(MnistSample.digit(reply)).isEqualTo(sample.pythonPredictions().get(i));
			}
			assertThatThrownBy(() -> client.get("/v2/health/live")).as("closed server")
				.isInstanceOf(UncheckedIOException.class);
		}
		finally {
			clients.shutdownNow();
			context.close();
		}
	}

}
