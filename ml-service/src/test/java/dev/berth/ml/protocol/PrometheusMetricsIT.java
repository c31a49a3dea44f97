package dev.berth.ml.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.berth.ml.MnistSample;
import dev.berth.ml.V2Client;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * After inference requests, /actuator/prometheus shows the request, latency, queue, batch
 * and forward-pass series, and Spring's http_server_requests series for every other
 * endpoint.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "berth.ml.model-repository=model-repository")
class PrometheusMetricsIT {

	@LocalServerPort
	int port;

	@Test
	void inferenceRequestsShowUpInThePrometheusScrape() {
		V2Client client = new V2Client(port);
		MnistSample sample = MnistSample.load();
		assertThat(client.post("/v2/models/mnist/infer", sample.request(0, 3)).status()).isEqualTo(200);
		assertThat(client.post("/v2/models/mnist/versions/1/infer", sample.request(0, 1)).status()).isEqualTo(200);
		assertThat(client.post("/v2/models/mnist/infer", Map.of("inputs", List.of())).status()).isEqualTo(400);
		assertThat(client.post("/v2/models/nosuchmodel/infer", sample.request(0, 1)).status()).isEqualTo(404);

		V2Client.Reply scrape = client.get("/actuator/prometheus");

		assertThat(scrape.status()).isEqualTo(200);
		assertThat(scrape.header("Content-Type")).startsWith("text/plain");
		String text = scrape.body();
		assertThat(series(text,
				"berth_ml_requests_total{endpoint=\"infer\",model=\"mnist\",status=\"200\",version=\"1\"}"))
			.isGreaterThanOrEqualTo(2);
		assertThat(series(text,
				"berth_ml_requests_total{endpoint=\"infer\",model=\"mnist\",status=\"400\",version=\"1\"}"))
			.isGreaterThanOrEqualTo(1);
		assertThat(series(text,
				"berth_ml_requests_total{endpoint=\"infer\",model=\"_unknown\",status=\"404\",version=\"\"}"))
			.isGreaterThanOrEqualTo(1);
		assertThat(series(text,
				"berth_ml_request_duration_seconds_count{endpoint=\"infer\",model=\"mnist\",version=\"1\"}"))
			.isGreaterThanOrEqualTo(3);
		assertThat(text).contains(
				"berth_ml_request_duration_seconds_bucket{endpoint=\"infer\",model=\"mnist\",version=\"1\",le=\"0.001\"}");
		assertThat(series(text, "berth_ml_queue_duration_seconds_count{model=\"mnist\",version=\"1\"}"))
			.isGreaterThanOrEqualTo(2);
		assertThat(series(text, "berth_ml_inference_duration_seconds_count{model=\"mnist\",version=\"1\"}"))
			.isGreaterThanOrEqualTo(2);
		assertThat(series(text, "berth_ml_batch_size_sum{model=\"mnist\",version=\"1\"}")).isGreaterThanOrEqualTo(4);
		assertThat(text).contains("berth_ml_batch_size_bucket{model=\"mnist\",version=\"1\",le=\"4.0\"}");
		assertThat(series(text, "berth_ml_batch_requests_count{model=\"mnist\",version=\"1\"}"))
			.isGreaterThanOrEqualTo(2);
		assertThat(text).contains("berth_ml_queue_size{model=\"mnist\",version=\"1\"}");
	}

	@Test
	void springsHttpServerRequestsLeaveOutTheInferencesThatBerthSeriesTime() {
		V2Client client = new V2Client(port);
		assertThat(client.post("/v2/models/mnist/infer", MnistSample.load().request(0, 1)).status()).isEqualTo(200);
		assertThat(client.get("/v2/models/mnist").status()).isEqualTo(200);

		String text = client.get("/actuator/prometheus").body();

		List<String> httpSeries = text.lines()
			.filter(line -> line.startsWith("http_server_requests_seconds_count{"))
			.toList();
		assertThat(httpSeries).anySatisfy(line -> assertThat(line).contains("uri=\"/v2/models/{model}\""));
		assertThat(httpSeries).noneSatisfy(line -> assertThat(line).contains("infer"));
		assertThat(text)
			.contains("berth_ml_request_duration_seconds_count{endpoint=\"infer\",model=\"mnist\",version=\"1\"}");
	}

	/** The value of one series in the Prometheus text format. */
	private static double series(String text, String name) {
		return text.lines()
			.filter(line -> line.startsWith(name + " "))
			.findFirst()
			.map(line -> Double.parseDouble(line.substring(name.length() + 1).strip()))
			.orElseThrow(() -> new AssertionError("no series " + name + " in:\n"
					+ text.lines().filter(line -> line.startsWith("berth_ml")).reduce("", (a, b) -> a + b + "\n")));
	}

}
