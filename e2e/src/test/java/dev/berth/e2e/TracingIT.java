package dev.berth.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tracing on the running stack, with the observability profile's Zipkin and the services
 * started with {@code BERTH_TRACING=true} and every request sampled: one classify from
 * the browser app is one trace through gateway, web and ml.
 */
@EnabledIfSystemProperty(named = "berth.zipkin-url", matches = ".+")
class TracingIT {

	private static final URI ZIPKIN = URI.create(System.getProperty("berth.zipkin-url", ""));

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	@Test
	void oneClassifyIsOneTraceThroughGatewayWebAndMl() {
		Stack.Digit digit = Stack.digits().get(0);
		Stack.Response created = Stack.postJson("/api/predictions", Map.of("pixels", digit.pixels()));
		assertThat(created.status()).isEqualTo(201);
		// The trace id is the request's: web logs it and answers with the request id the
		// gateway set.
		String requestId = created.header("X-Request-Id");
		assertThat(requestId).isNotBlank();

		await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			JsonNode traces = get("/api/v2/traces?serviceName=web&spanName=http%20post%20%2Fapi%2Fpredictions"
					+ "&lookback=600000&limit=50");
			assertThat(traces).as("traces with web's classify span").isNotEmpty();
			boolean throughAllThree = false;
			for (JsonNode trace : traces) {
				Set<String> services = new HashSet<>();
				trace.forEach(span -> services.add(span.path("localEndpoint").path("serviceName").asString()));
				throughAllThree |= services.containsAll(Set.of("gateway", "web", "berth-ml-service"));
			}
			assertThat(throughAllThree).as("a classify trace with spans of gateway, web and ml: " + traces).isTrue();
		});
	}

	private static JsonNode get(String path) throws Exception {
		HttpResponse<String> response = CLIENT.send(
				HttpRequest.newBuilder(ZIPKIN.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
		return Stack.JSON.readTree(response.body());
	}

}
