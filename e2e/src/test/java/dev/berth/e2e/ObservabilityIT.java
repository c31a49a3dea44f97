package dev.berth.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The observability profile on the running stack: Prometheus scrapes every service, the
 * series an operator looks at are there after some traffic, and every query of the
 * Grafana dashboard is valid PromQL over metrics that exist. (Grafana itself is not run
 * by these tests: its image cannot be had everywhere the tests run.)
 */
@EnabledIfSystemProperty(named = "berth.prometheus-url", matches = ".+")
class ObservabilityIT {

	private static final URI PROMETHEUS = URI.create(System.getProperty("berth.prometheus-url", ""));

	private static final Path OBSERVABILITY = Path.of("..", "observability");

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	/** PromQL's own words that look like metric names. */
	private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left",
			"group_right", "histogram_quantile", "label_replace", "label_join", "count_over_time", "avg_over_time",
			"max_over_time", "min_over_time", "sum_over_time", "last_over_time");

	/**
	 * Traffic of every kind the dashboard shows: classify (web to ml) and V2 inference.
	 */
	@BeforeAll
	static void sendTraffic() {
		Stack.Digit digit = Stack.digits().get(0);
		for (int i = 0; i < 5; i++) {
			assertThat(Stack.postJson("/api/predictions", Map.of("pixels", digit.pixels())).status()).isEqualTo(201);
			assertThat(Stack.get("/api/stats").status()).isEqualTo(200);
		}
	}

	@Test
	void prometheusScrapesEveryService() {
		await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			JsonNode targets = query("/api/v1/targets", Map.of()).get("activeTargets");
			Map<String, String> health = new HashMap<>();
			targets.forEach(
					target -> health.put(target.get("labels").get("job").asString(), target.get("health").asString()));
			assertThat(health).containsEntry("gateway", "up").containsEntry("web", "up").containsEntry("ml", "up");
		});
	}

	@Test
	void theSeriesAnOperatorNeedsAreCollected() {
		Map<String, String> series = Map.of( //
				"requests per route at the gateway", "spring_cloud_gateway_requests_seconds_count{routeId=\"web-api\"}",
				"requests at web", "http_server_requests_seconds_count{job=\"web\"}", "inference batch sizes",
				"berth_ml_batch_size_count{job=\"ml\"}", "queue time before a batch",
				"berth_ml_queue_duration_seconds_count{job=\"ml\"}", "JVM memory of the gateway",
				"jvm_memory_used_bytes{job=\"gateway\",area=\"heap\"}", "JVM memory of web",
				"jvm_memory_used_bytes{job=\"web\",area=\"heap\"}", "JVM memory of ml",
				"jvm_memory_used_bytes{job=\"ml\",area=\"heap\"}", "the database pool",
				"hikaricp_connections_active{job=\"web\"}");
		await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			for (var entry : series.entrySet()) {
				assertThat(instant(entry.getValue()).get("result")).as(entry.getKey()).isNotEmpty();
			}
		});
	}

	@Test
	void everyDashboardQueryIsValidAndAsksForMetricsThatExist() throws IOException {
		JsonNode dashboard = Stack.JSON.readTree(OBSERVABILITY.resolve("grafana/dashboards/berth.json").toFile());
		String datasource = null;
		for (JsonNode source : new YAMLMapper()
			.readTree(OBSERVABILITY.resolve("grafana/provisioning/datasources/berth.yml").toFile())
			.get("datasources")) {
			if (source.get("type").asString().equals("prometheus")) {
				datasource = source.get("uid").asString();
			}
		}
		assertThat(datasource).as("Grafana's Prometheus data source").isNotNull();
		List<String> expressions = new ArrayList<>();
		for (JsonNode panel : dashboard.get("panels")) {
			assertThat(panel.get("datasource").get("uid").asString()).as(panel.get("title").asString())
				.isEqualTo(datasource);
			assertThat(panel.get("targets")).as(panel.get("title").asString()).isNotEmpty();
			panel.get("targets").forEach(target -> expressions.add(target.get("expr").asString()));
		}
		assertThat(expressions).hasSizeGreaterThanOrEqualTo(9);

		await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			Set<String> known = new HashSet<>();
			query("/api/v1/label/__name__/values", Map.of()).forEach(name -> known.add(name.asString()));
			for (String expression : expressions) {
				instant(expression); // Prometheus answers 400 to invalid PromQL
				assertThat(known).as(expression).containsAll(metricNames(expression));
			}
		});
	}

	/** The metric names in a PromQL expression: not labels, functions or keywords. */
	static Set<String> metricNames(String expression) {
		String withoutLabels = expression.replaceAll("\\{[^}]*}", "").replaceAll("\\b(by|without)\\s*\\([^)]*\\)", "");
		Set<String> names = new HashSet<>();
		Matcher word = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(withoutLabels);
		while (word.find()) {
			if (word.group().contains("_") && !PROMQL_WORDS.contains(word.group())) {
				names.add(word.group());
			}
		}
		return names;
	}

	private static JsonNode instant(String promql) throws Exception {
		return query("/api/v1/query", Map.of("query", promql));
	}

	private static JsonNode query(String path, Map<String, String> parameters) throws Exception {
		StringBuilder uri = new StringBuilder(PROMETHEUS.resolve(path).toString());
		String separator = "?";
		for (var parameter : parameters.entrySet()) {
			uri.append(separator)
				.append(parameter.getKey())
				.append('=')
				.append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
			separator = "&";
		}
		HttpResponse<String> response = CLIENT.send(
				HttpRequest.newBuilder(URI.create(uri.toString())).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(uri + ": " + response.body()).isEqualTo(200);
		JsonNode body = Stack.JSON.readTree(response.body());
		assertThat(body.get("status").asString()).isEqualTo("success");
		return body.get("data");
	}

}
