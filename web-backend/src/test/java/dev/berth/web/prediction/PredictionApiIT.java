package dev.berth.web.prediction;

import java.util.List;
import java.util.Map;

import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import dev.berth.web.WebAppTest;
import dev.berth.web.inference.StubMlServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.berth.web.prediction.TestImages.filled;
import static dev.berth.web.prediction.TestImages.gradient;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The prediction API over real HTTP, with a real MariaDB (migrated by the db module) and
 * the real ml client talking to a stub ml server.
 */
@WebAppTest
class PredictionApiIT {

	@Autowired
	RestTestClient http;

	@Autowired
	StubMlServer ml;

	@Autowired
	PredictionRepository predictions;

	PredictionRequests api;

	@BeforeEach
	void reset() {
		ml.reset();
		predictions.deleteAll();
		api = new PredictionRequests(http);
	}

	@Test
	void classifyingAnImageReturnsTheGuessWithEveryLabelRankedAndStoresIt() {
		// Stub default: logits 0,1,2,9,1,0,0,3,2,1, i.e. a confident 3, then 7, then 2
		// and 8 tied (lower label first), then 1, 4 and 9, then 0, 5 and 6.
		double[] logits = { 0, 1, 2, 9, 1, 0, 0, 3, 2, 1 };
		double sum = 0;
		for (double l : logits) {
			sum += Math.exp(l);
		}

		api.classify(gradient())
			.expectStatus()
			.isCreated()
			.expectHeader()
			.value(HttpHeaders.LOCATION, v -> assertThat(v).contains("/api/predictions/"))
			.expectBody()
			.jsonPath("$.predictedLabel")
			.isEqualTo(3)
			.jsonPath("$.top[*].label")
			.isEqualTo(List.of(3, 7, 2, 8, 1, 4, 9, 0, 5, 6))
			.jsonPath("$.source")
			.isEqualTo("API")
			.jsonPath("$.latencyMs")
			.isNumber()
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
		api.classify(gradient()).expectStatus().isCreated();

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
		String location = api.create();
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
			.isEqualTo(10);
	}

	@Test
	void historyListsNewestFirstInPages() {
		for (int label : new int[] { 1, 2, 3 }) {
			double[] logits = new double[10];
			logits[label] = 5;
			ml.answerWithLogits("mnist", "1", logits);
			api.create();
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
		String location = api.create();

		api.correct(location, Map.of("correctedLabel", 8))
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.correctedLabel")
			.isEqualTo(8)
			.jsonPath("$.predictedLabel")
			.isEqualTo(3);
		api.correct(location, Map.of("correctedLabel", 3)).expectStatus().isOk();

		http.get().uri(location).exchange().expectBody().jsonPath("$.correctedLabel").isEqualTo(3);
		assertThat(predictions.findAll().get(0).getCorrectedAt()).isNotNull();
	}

	@ParameterizedTest
	@MethodSource("invalidCorrections")
	void aCorrectionMustBeOneOfTheModelsLabels(Map<String, Object> correction, String detail) {
		String location = api.create();

		api.correct(location, correction)
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value(String.class, v -> assertThat(v).contains(detail));
		http.get().uri(location).exchange().expectBody().jsonPath("$.correctedLabel").isEmpty();
	}

	static Stream<Arguments> invalidCorrections() {
		return Stream.of(Arguments.of(Map.of("correctedLabel", 10), "between 0 and 9"),
				Arguments.of(Map.of("correctedLabel", -1), "between 0 and 9"),
				Arguments.of(Map.of(), "correctedLabel is required"));
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
		api.correct("/api/predictions/999999", Map.of("correctedLabel", 1)).expectStatus().isNotFound();
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 783, 785 })
	void anImageMustHaveExactly784Pixels(int count) {
		api.classify(filled(count, 0.5))
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("pixels must hold exactly 784 values (a 28x28 image), got " + count + ".")
			.jsonPath("$.errors[0].field")
			.isEqualTo("pixels");
		assertNothingClassifiedOrStored();
	}

	@Test
	void pixelsMustBeBetweenZeroAndOne() {
		List<Double> pixels = gradient();
		pixels.set(3, 1.5);
		pixels.set(10, -0.1);

		api.classify(pixels)
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
		api.classify(filled(784, 2.0))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors.length()")
			.isEqualTo(10)
			.jsonPath("$.detail")
			.value(String.class, v -> assertThat(v).endsWith("; and 774 more."));
	}

	@ParameterizedTest
	@MethodSource("unreadableBodies")
	void unreadableBodiesAreExplainedWithoutInternals(String body, String detail) {
		api.classifyRaw(body)
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo(detail)
			.consumeWith(result -> assertThat(new String(result.getResponseBodyContent())).doesNotContain("Exception",
					"dev.berth", "tools.jackson", "\tat "));
		assertNothingClassifiedOrStored();
	}

	static Stream<Arguments> unreadableBodies() {
		return Stream.of(Arguments.of("{not json", "The request body is missing or is not valid JSON."),
				Arguments.of("", "The request body is missing or is not valid JSON."),
				Arguments.of("{\"pixels\": \"abc\"}", "The request body has a value of the wrong type at pixels."),
				Arguments.of("{\"pixels\": [0.5, \"x\"]}",
						"The request body has a value of the wrong type at pixels[1]."),
				Arguments.of("{}", "pixels is required: 784 values (a 28x28 image) between 0 and 1."));
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

	private void assertNothingClassifiedOrStored() {
		assertThat(ml.requests()).as("requests to ml").isEmpty();
		assertThat(predictions.count()).as("stored predictions").isZero();
	}

}
