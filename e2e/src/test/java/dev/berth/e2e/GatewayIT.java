package dev.berth.e2e;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway as the outside world meets it on the running stack: the inference API's
 * key, canonical paths, body and rate limits, internal paths, and a stopped ml; never a
 * 500.
 */
class GatewayIT {

	@Test
	void theInferenceApiNeedsAKeyAndTheBrowserAppDoesNot() {
		Stack.Response withoutKey = Stack
			.sendWithoutKey(HttpRequest.newBuilder(Stack.BASE.resolve("/v2/models/mnist")));
		assertThat(withoutKey.status()).isEqualTo(401);
		assertThat(withoutKey.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"berth\"");
		assertThat(withoutKey.header("Content-Type")).isEqualTo("application/problem+json");

		Stack.Response wrongKey = Stack.sendWithoutKey(HttpRequest.newBuilder(Stack.BASE.resolve("/v2/models/mnist"))
			.header("Authorization", "Bearer not-the-key-of-this-stack"));
		assertThat(wrongKey.status()).isEqualTo(401);

		assertThat(Stack
			.sendWithoutKey(HttpRequest.newBuilder(Stack.BASE.resolve("/v2/models/mnist"))
				.header("Authorization", "Bearer " + Stack.API_KEY))
			.status()).isEqualTo(200);
		assertThat(Stack.sendWithoutKey(HttpRequest.newBuilder(Stack.BASE.resolve("/api/status"))).status())
			.isEqualTo(200);
		assertThat(Stack.sendWithoutKey(HttpRequest.newBuilder(Stack.BASE.resolve("/v2/health/ready"))).status())
			.isEqualTo(200);
	}

	@Test
	void aDisguisedPathIsRefusedWhateverItSpells() {
		for (String path : List.of("/%762/models/mnist/infer", "/v2;x=1/models/mnist/infer",
				"/api/%2e%2e/v2/repository/index")) {
			Stack.Response response = Stack.postJson(path, Map.of("inputs", List.of()));
			assertThat(response.status()).as(path).isEqualTo(400);
			assertThat(response.json().get("detail").asString()).as(path)
				.startsWith("The path is not in canonical form");
		}
	}

	@Test
	void internalPathsAreNotReachable() {
		for (String path : List.of("/actuator", "/actuator/health", "/actuator/prometheus", "/v2/repository/index")) {
			assertThat(Stack.get(path).status()).as(path).isEqualTo(404);
		}
	}

	@Test
	void aJsonBodyOverTheApisLimitIs413() {
		Stack.Response response = Stack.postJson("/api/predictions", Map.of("pixels", "x".repeat(70_000)));

		assertThat(response.status()).isEqualTo(413);
		assertThat(response.json().get("detail").asString()).contains("64 KB");
	}

	@Test
	void aFloodFromOneClientIsSlowedWith429sAndNever500s() throws Exception {
		// Sixteen clients send until the first 429 comes back: the bucket holds 200 and
		// refills 100 a second, so how many requests that takes depends on the machine.
		List<Stack.Response> answers = Collections.synchronizedList(new ArrayList<>());
		AtomicBoolean limited = new AtomicBoolean();
		try (ExecutorService clients = Executors.newFixedThreadPool(16)) {
			List<Future<?>> sending = new ArrayList<>();
			for (int client = 0; client < 16; client++) {
				sending.add(clients.submit(() -> {
					for (int i = 0; i < 500 && !limited.get(); i++) {
						Stack.Response answer = Stack
							.sendWithoutKey(HttpRequest.newBuilder(Stack.BASE.resolve("/v2/health/live")));
						answers.add(answer);
						if (answer.status() == 429) {
							limited.set(true);
						}
					}
				}));
			}
			for (Future<?> client : sending) {
				client.get();
			}
		}

		List<Integer> statuses = answers.stream().map(Stack.Response::status).toList();
		assertThat(answers).filteredOn(answer -> answer.status() == 429)
			.allMatch(answer -> answer.header("Retry-After") != null);
		assertThat(statuses).contains(200, 429).allMatch(status -> status == 200 || status == 429);
		// The bucket refills: the client is served again.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> Stack.sendWithoutKey(HttpRequest.newBuilder(Stack.BASE.resolve("/v2/health/live")))
				.status() == 200);
	}

	@Test
	@EnabledIfSystemProperty(named = "berth.compose-dir", matches = ".+")
	void aStoppedMlIsA503WithRetryAfterAndTheWebAppStaysUp() {
		Stack.compose("stop", "ml");
		try {
			Stack.Response ready = Stack.get("/v2/health/ready");
			assertThat(ready.status()).isEqualTo(503);
			assertThat(ready.header("Retry-After")).isNotNull();
			assertThat(ready.header("Content-Type")).isEqualTo("application/problem+json");
			assertThat(Stack.get("/v2/models/mnist").status()).isEqualTo(503);
			assertThat(Stack.get("/api/predictions").status()).isEqualTo(200);
		}
		finally {
			Stack.compose("start", "ml");
		}
		await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofSeconds(2))
			.until(() -> Stack.get("/v2/health/ready").status() == 200);
	}

}
