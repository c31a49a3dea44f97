package dev.berth.web.prediction;

import java.util.List;
import java.util.Map;

import dev.berth.testsupport.RequiresDocker;
import com.jayway.jsonpath.JsonPath;
import dev.berth.web.TestcontainersConfiguration;
import dev.berth.web.inference.StubMlConfiguration;
import dev.berth.web.inference.StubMlServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.berth.web.prediction.TestImages.body;
import static dev.berth.web.prediction.TestImages.filled;
import static dev.berth.web.prediction.TestImages.gradient;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The prediction API over real HTTP, with a real MariaDB (migrated by the db module) and
 * the real ml client talking to a stub ml server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@Import({ TestcontainersConfiguration.class, StubMlConfiguration.class })
@RequiresDocker
class PredictionApiIT {

	@Autowired
	RestTestClient http;

	@Autowired
	StubMlServer ml;

	@Autowired
	PredictionRepository predictions;

	@BeforeEach
	void reset() {
		ml.reset();
		predictions.deleteAll();
	}

	@Test
	void classifyingAnImageReturnsTheGuessWithTopThreeAndStoresIt() {
		// Stub default: logits 0,1,2,9,1,0,0,3,2,1, i.e. a confident 3, then 7, then 2
		// and 8 tied.
		double[] logits = { 0, 1, 2, 9, 1, 0, 0, 3, 2, 1 };
		double sum = 0;
		for (double l : logits) {
			sum += Math.exp(l);
		}

		http.post()
			.uri("/api/predictions")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body(gradient()))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.value(HttpHeaders.LOCATION, v -> assertThat(v).contains("/api/predictions/"))
			.expectBody()
			.jsonPath("$.predictedLabel")
			.isEqualTo(3)
			.jsonPath("$.top[*].label")
			.isEqualTo(List.of(3, 7, 2))
			.jsonPath("$.correctedLabel")
			.isEmpty()
			.jsonPath("$.modelName")
			.isEqualTo("mnist")
			.jsonPath("$.modelVersion")
			.isEqualTo("1")
			.jsonPath("$.createdAt")
			.isNotEmpty();

		Prediction stored = predictions.findAll().get(0);
		assertThat(stored.getConfidence()).isCloseTo(Math.exp(9) / sum, within(1e-9));
		assertThat(stored.getPixels()).isEqualTo(Pixels.of(gradient()));
		assertThat(stored.getModelName()).isEqualTo("mnist");
	}

	@Test
	void theModelIsAskedWithAnOpenInferenceProtocolRequest() {
		http.post()
			.uri("/api/predictions")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body(gradient()))
			.exchange()
			.expectStatus()
			.isCreated();

		StubMlServer.Request request = ml.requests().get(0);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/v2/models/mnist/infer");
		assertThat(request.contentType()).startsWith("application/json");
		// Not chunked: simple inference servers need the length up front.
		assertThat(request.contentLength()).isEqualTo(String.valueOf(request.body().getBytes(UTF_8).length));
		Map<String, Object> input = JsonPath.read(request.body(), "$.inputs[0]");
		assertThat(input).containsEntry("name", "input__0").containsEntry("datatype", "FP32");
		assertThat(JsonPath.<List<Integer>>read(request.body(), "$.inputs[0].shape")).containsExactly(1, 1, 28, 28);
		List<Number> data = JsonPath.read(request.body(), "$.inputs[0].data");
		assertThat(data).hasSize(784);
		List<Double> sent = gradient();
		for (int i = 0; i < sent.size(); i++) {
			assertThat(data.get(i).doubleValue()).as("pixel %d", i).isCloseTo(sent.get(i), within(1e-6));
		}
	}

	@Test
	void aStoredPredictionCanBeFetchedByItsLocation() {
		String location = http.post()
			.uri("/api/predictions")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body(gradient()))
			.exchange()
			.expectStatus()
			.isCreated()
			.returnResult()
			.getResponseHeaders()
			.getLocation()
			.toString();
		String created = new String(http.get()
			.uri(location)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBodyContent());

		http.get()
			.uri(location)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json(created)
			.jsonPath("$.predictedLabel")
			.isEqualTo(3)
			.jsonPath("$.top.length()")
			.isEqualTo(3);
	}

	@Test
	void historyListsNewestFirstInPages() {
		for (int label : new int[] { 1, 2, 3 }) {
			double[] logits = new double[10];
			logits[label] = 5;
			ml.answerWithLogits("mnist", "1", logits);
			http.post()
				.uri("/api/predictions")
				.contentType(MediaType.APPLICATION_JSON)
				.body(body(gradient()))
				.exchange()
				.expectStatus()
				.isCreated();
		}

		http.get()
			.uri("/api/predictions?page=0&size=2")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.content[*].predictedLabel")
			.isEqualTo(List.of(3, 2))
			.jsonPath("$.page.size")
			.isEqualTo(2)
			.jsonPath("$.page.number")
			.isEqualTo(0)
			.jsonPath("$.page.totalElements")
			.isEqualTo(3)
			.jsonPath("$.page.totalPages")
			.isEqualTo(2);
		http.get()
			.uri("/api/predictions?page=1&size=2")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.content[*].predictedLabel")
			.isEqualTo(List.of(1));
	}

	@Test
	void aPersonCanCorrectTheLabelAndChangeTheirMind() {
		String location = create();

		http.patch()
			.uri(location)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("correctedLabel", 8))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.correctedLabel")
			.isEqualTo(8)
			.jsonPath("$.predictedLabel")
			.isEqualTo(3);
		http.patch()
			.uri(location)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("correctedLabel", 3))
			.exchange()
			.expectStatus()
			.isOk();

		http.get().uri(location).exchange().expectBody().jsonPath("$.correctedLabel").isEqualTo(3);
		assertThat(predictions.findAll().get(0).getCorrectedAt()).isNotNull();
	}

	@Test
	void aCorrectionMustBeOneOfTheModelsLabels() {
		String location = create();

		for (Object label : new Object[] { 10, -1 }) {
			http.patch()
				.uri(location)
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("correctedLabel", label))
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.detail")
				.value(String.class, v -> assertThat(v).contains("between 0 and 9"));
		}
		http.patch()
			.uri(location)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of())
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.value(String.class, v -> assertThat(v).contains("correctedLabel is required"));
		http.get().uri(location).exchange().expectBody().jsonPath("$.correctedLabel").isEmpty();
	}

	@Test
	void anUnknownPredictionIsNotFound() {
		http.get()
			.uri("/api/predictions/999999")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Prediction not found")
			.jsonPath("$.detail")
			.isEqualTo("There is no prediction 999999.")
			.jsonPath("$.instance")
			.isEqualTo("/api/predictions/999999");
		http.patch()
			.uri("/api/predictions/999999")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("correctedLabel", 1))
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void anImageMustHaveExactly784Pixels() {
		for (int count : new int[] { 0, 783, 785 }) {
			http.post()
				.uri("/api/predictions")
				.contentType(MediaType.APPLICATION_JSON)
				.body(body(filled(count, 0.5)))
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.detail")
				.isEqualTo("pixels must hold exactly 784 values (a 28x28 image), got " + count + ".")
				.jsonPath("$.errors[0].field")
				.isEqualTo("pixels");
		}
		assertNothingClassifiedOrStored();
	}

	@Test
	void pixelsMustBeBetweenZeroAndOne() {
		List<Double> pixels = gradient();
		pixels.set(3, 1.5);
		pixels.set(10, -0.1);

		http.post()
			.uri("/api/predictions")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body(pixels))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.value(String.class, v -> assertThat(v).contains("pixels[3] must be between 0 and 1"))
			.jsonPath("$.detail")
			.value(String.class, v -> assertThat(v).contains("pixels[10] must be between 0 and 1"))
			.jsonPath("$.errors[*].field")
			.isEqualTo(List.of("pixels[3]", "pixels[10]"));
		assertNothingClassifiedOrStored();
	}

	@Test
	void aBadImageGetsAShortAnswerNotOneLinePerPixel() {
		http.post()
			.uri("/api/predictions")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body(filled(784, 2.0)))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors.length()")
			.isEqualTo(10)
			.jsonPath("$.detail")
			.value(String.class, v -> assertThat(v).endsWith("; and 774 more."));
	}

	@Test
	void unreadableBodiesAreExplainedWithoutInternals() {
		record Case(String body, String detail) {
		}
		for (Case c : List.of(new Case("{not json", "The request body is missing or is not valid JSON."),
				new Case("", "The request body is missing or is not valid JSON."),
				new Case("{\"pixels\": \"abc\"}", "The request body has a value of the wrong type at pixels."),
				new Case("{\"pixels\": [0.5, \"x\"]}", "The request body has a value of the wrong type at pixels[1]."),
				new Case("{}", "pixels is required: 784 values (a 28x28 image) between 0 and 1."))) {
			http.post()
				.uri("/api/predictions")
				.contentType(MediaType.APPLICATION_JSON)
				.body(c.body())
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.detail")
				.isEqualTo(c.detail())
				.consumeWith(result -> assertThat(new String(result.getResponseBodyContent()))
					.doesNotContain("Exception", "dev.berth", "tools.jackson", "\tat "));
		}
		assertNothingClassifiedOrStored();
	}

	@Test
	void pagesHoldAtMostOneHundredPredictions() {
		http.get()
			.uri("/api/predictions?size=1000")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("size must be less than or equal to 100.");
		http.get()
			.uri("/api/predictions?page=-1")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.value(String.class, v -> assertThat(v).doesNotContain("Exception"));
	}

	private String create() {
		return http.post()
			.uri("/api/predictions")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body(gradient()))
			.exchange()
			.expectStatus()
			.isCreated()
			.returnResult()
			.getResponseHeaders()
			.getLocation()
			.toString();
	}

	private void assertNothingClassifiedOrStored() {
		assertThat(ml.requests()).as("requests to ml").isEmpty();
		assertThat(predictions.count()).as("stored predictions").isZero();
	}

}
