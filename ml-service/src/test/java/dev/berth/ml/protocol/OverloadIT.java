package dev.berth.ml.protocol;

import static java.util.concurrent.TimeUnit.MINUTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.concurrent.CompletableFuture;

import dev.berth.ml.MnistSample;
import dev.berth.ml.TestRepository;
import dev.berth.ml.V2Client;
import dev.berth.ml.V2Client.Reply;
import dev.berth.ml.batching.DynamicBatching;

import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A full queue answers 503 with Retry-After at once, and the server keeps serving. The
 * queue is filled deterministically: mnist is configured to hold a batch for a minute to
 * fill it (max queue delay), with room for two waiting requests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class OverloadIT {

	static final TestRepository REPOSITORY = TestRepository.create().withMnist("""
			dynamic_batching:
			  max_batch_size: 32
			  max_queue_delay_microseconds: 60000000
			  max_queue_size: 2
			""");

	@DynamicPropertySource
	static void repository(DynamicPropertyRegistry registry) {
		registry.add("berth.ml.model-repository", () -> REPOSITORY.root().toString());
	}

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@Autowired
	DynamicBatching batching;

	@Test
	void aFullQueueIs503WithRetryAfterAndTheServerKeepsServing() throws Exception {
		MnistSample sample = MnistSample.load();
		V2Client client = new V2Client(port);
		CompletableFuture<Reply> first = CompletableFuture
			.supplyAsync(() -> client.post("/v2/models/mnist/infer", sample.request(0, 1)));
		CompletableFuture<Reply> second = CompletableFuture
			.supplyAsync(() -> client.post("/v2/models/mnist/infer", sample.request(1, 2)));
		await("two requests queued").atMost(1, MINUTES)
			.until(() -> meters.get("berth.ml.queue.size").gauge().value() == 2);

		Reply refused = client.post("/v2/models/mnist/infer", sample.request(2, 3));

		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.header("Retry-After")).isEqualTo("1");
		assertThat(refused.error()).isEqualTo("model 'mnist/1' is overloaded: 2 requests are already waiting");

		// What the server does on shutdown: stop holding batches back. The held requests
		// go now.
		batching.stop();
		assertThat(first.get().status()).isEqualTo(200);
		assertThat(second.get().status()).isEqualTo(200);
		Reply after = client.post("/v2/models/mnist/infer", sample.request(3, 4));
		assertThat(after.status()).as(after.body()).isEqualTo(200);
		assertThat(MnistSample.digit(after)).isEqualTo(sample.pythonPredictions().get(3));
	}

}
