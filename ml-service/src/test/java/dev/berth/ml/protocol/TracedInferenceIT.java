package dev.berth.ml.protocol;

import java.util.Map;

import dev.berth.ml.MnistSample;
import dev.berth.ml.V2Client;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inference requests are left out of Spring's server observation, except those of a trace
 * that the caller samples: then ml's span joins the trace (seen here through the
 * observation's timer, since tests report no spans). Its own context, so that the
 * observed inference does not show up in {@link PrometheusMetricsIT}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "berth.ml.model-repository=model-repository", "management.tracing.sampling.probability=1.0" })
class TracedInferenceIT {

	@LocalServerPort
	int port;

	@Test
	void anInferenceInASampledTraceIsObservedSoThatMlsSpanJoinsTheTrace() {
		V2Client client = new V2Client(this.port);
		byte[] request = V2Client.JSON.writeValueAsBytes(MnistSample.load().request(0, 1));
		String unsampled = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00";
		String sampled = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
		assertThat(client
			.send("POST", "/v2/models/mnist/infer", request,
					Map.of("Content-Type", "application/json", "traceparent", unsampled))
			.status()).isEqualTo(200);
		assertThat(inferenceObservations(client)).isZero();

		assertThat(client
			.send("POST", "/v2/models/mnist/infer", request,
					Map.of("Content-Type", "application/json", "traceparent", sampled))
			.status()).isEqualTo(200);
		assertThat(inferenceObservations(client)).isOne();
	}

	private static double inferenceObservations(V2Client client) {
		return client.get("/actuator/prometheus")
			.body()
			.lines()
			.filter(line -> line.startsWith("http_server_requests_seconds_count{") && line.contains("infer"))
			.mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

}
