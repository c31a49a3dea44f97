package dev.berth.web.prediction;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import dev.berth.web.WebAppTest;
import dev.berth.web.inference.StubMlConfiguration;
import dev.berth.web.inference.StubMlServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.berth.web.prediction.TestImages.gradient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a user sees when the ml service is down, slow or broken: a clear 503 (try again)
 * or 502 (misconfigured), nothing half-stored, and history and corrections still working.
 */
@WebAppTest
class ClassifierOutageIT {

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

	/** 5xx: ml is failing or restarting; 429: ml sheds load. */
	@ParameterizedTest
	@ValueSource(ints = { 500, 503, 429 })
	void anMlServiceThatCannotAnswerNowMeansTryAgainLater(int mlStatus) {
		ml.answer(mlStatus, "{\"error\":\"not now\"}");

		expectUnavailable();
	}

	@Test
	void anMlServiceSlowerThanTheReadTimeoutMeansTryAgainLater() {
		ml.answerAfter(Duration.parse("PT" + StubMlConfiguration.READ_TIMEOUT).plusSeconds(1));

		expectUnavailable();
	}

	/**
	 * 400: web sends what this model does not take; 404: ml does not serve the configured
	 * model.
	 */
	@ParameterizedTest
	@ValueSource(ints = { 400, 404 })
	void anMlServiceThatRejectsTheRequestIsABadGateway(int mlStatus) {
		ml.answer(mlStatus, "{\"error\":\"input shape mismatch\"}");

		expectBadGateway();
	}

	@ParameterizedTest
	@MethodSource("answersThatAreNotAClassification")
	void anAnswerThatIsNotAClassificationIsABadGateway(String answer) {
		ml.answer(200, answer);

		expectBadGateway();
	}

	static Stream<String> answersThatAreNotAClassification() {
		return Stream.of("not json", "{\"outputs\":[]}",
				"{\"outputs\":[{\"name\":\"other\",\"datatype\":\"FP32\",\"shape\":[1,2],\"data\":[1,2]}]}",
				StubMlServer.v2Response("mnist", "1", 0.7));
	}

	@Test
	void onceMlKeepsFailingClassifyAnswersAtOnceWithoutWaitingForIt() {
		ml.answer(503, "{\"error\":\"down\"}");
		// The breaker's minimum of calls, each of which asks ml.
		for (int i = 0; i < 5; i++) {
			expectUnavailable();
		}
		int asked = ml.requests().size();

		expectUnavailable();
		expectUnavailable();

		assertThat(ml.requests()).as("calls while the circuit is open never reach ml").hasSize(asked);
	}

	@Test
	void theStatusTellsTheBrowserAppWhenMlIsDownAndWhenItIsBack() {
		ml.answer(503, "{\"error\":\"loading\"}");
		await().untilAsserted(() -> expectStatus("DOWN"));
		int asked = ml.requests().size();

		expectUnavailable();
		assertThat(ml.requests()).as("a known outage fails classify at once").hasSize(asked);

		ml.answerWithLogits("mnist", "1", 0, 1, 2, 9, 1, 0, 0, 3, 2, 1);
		await().untilAsserted(() -> expectStatus("UP"));
		api.classify(gradient()).expectStatus().isCreated();
	}

	private void expectStatus(String state) {
		http.get()
			.uri("/api/status")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.inference")
			.isEqualTo(state);
	}

	@Test
	void historyAndCorrectionsKeepWorkingWhileMlIsDown() {
		String location = api.create();
		ml.answer(503, "{\"error\":\"down\"}");

		http.get()
			.uri("/api/predictions")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.page.totalElements")
			.isEqualTo(1);
		api.correct(location, Map.of("correctedLabel", 5)).expectStatus().isOk();
	}

	private void expectUnavailable() {
		api.classify(gradient())
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "5")
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Classifier unavailable")
			.jsonPath("$.detail")
			.isEqualTo("The digit classifier is not available right now. Please try again in a few seconds.");
		assertThat(predictions.count()).isZero();
	}

	private void expectBadGateway() {
		api.classify(gradient())
			.expectStatus()
			.isEqualTo(502)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Classifier error")
			.consumeWith(result -> assertThat(new String(result.getResponseBodyContent()))
				.doesNotContain("input shape mismatch", "127.0.0.1", "Exception"));
		assertThat(predictions.count()).isZero();
	}

}
