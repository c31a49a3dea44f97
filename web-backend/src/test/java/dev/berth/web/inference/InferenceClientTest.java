package dev.berth.web.inference;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.berth.image.ImageSpec;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterEach;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * How the client reads the model's answer, against a real HTTP stub (no Spring context,
 * no Docker).
 */
class InferenceClientTest {

	private final StubMlServer ml = StubMlServer.start();

	@AfterEach
	void stop() {
		ml.close();
	}

	@Test
	void logitsBecomeProbabilitiesEvenWhenTheyAreHuge() {
		ml.answerWithLogits("mnist", "2", 1000, 0, 998, -1e6, 0, 0, 0, 0, 0, 0);

		Classification result = client(ml.baseUrl(), MlProperties.Output.LOGITS).classify(new float[784]);

		assertThat(result.modelName()).isEqualTo("mnist");
		assertThat(result.modelVersion()).isEqualTo("2");
		assertThat(result.probabilities()).hasSize(10).doesNotContain(Double.NaN);
		assertThat(result.probabilities()[0]).isCloseTo(1 / (1 + Math.exp(-2)), within(1e-12));
		assertThat(result.probabilities()[2]).isCloseTo(Math.exp(-2) / (1 + Math.exp(-2)), within(1e-12));
	}

	@Test
	void aModelThatAnswersProbabilitiesIsTakenAtItsWord() {
		ml.answerWithLogits("mnist", "2", 0.1, 0.6, 0.3);

		Classification result = client(ml.baseUrl(), MlProperties.Output.PROBABILITIES).classify(new float[784]);

		assertThat(result.probabilities()).containsExactly(new double[] { 0.1, 0.6, 0.3 }, within(1e-12));
	}

	@Test
	void logitsSentWhereProbabilitiesWereExpectedAreRejected() {
		ml.answerWithLogits("mnist", "2", 2.5, -1, 7);

		assertThatThrownBy(() -> client(ml.baseUrl(), MlProperties.Output.PROBABILITIES).classify(new float[784]))
			.isInstanceOf(InferenceFailedException.class);
	}

	@Test
	void anMlServiceThatIsNotListeningIsUnavailable() throws IOException {
		URI closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
		}

		assertThatThrownBy(() -> client(closed, MlProperties.Output.LOGITS).classify(new float[784]))
			.isInstanceOf(InferenceUnavailableException.class);
	}

	@Test
	void pixelValuesAreWrittenExactlyAsJacksonWritesFloats() {
		float[] values = new float[256 + 5];
		for (int k = 0; k < 256; k++) {
			values[k] = k / 255f;
		}
		float[] others = { 0.3f, 1e-7f, 0.123456789f, -0.5f, 2f };
		System.arraycopy(others, 0, values, 256, others.length);
		JsonMapper json = JsonMapper.builder().build();

		String written = json.writeValueAsString(new InferenceClient.InferInput("x", List.of(1), "FP32", values));

		assertThat(written).endsWith("\"data\":" + json.writeValueAsString(values) + "}");
	}

	private static InferenceClient client(URI baseUrl, MlProperties.Output output) {
		MlProperties properties = new MlProperties(baseUrl, "mnist", "input__0", List.of(1, 1, 28, 28), "output__0",
				output, Duration.ofSeconds(1), Duration.ofSeconds(2),
				new MlProperties.Image(ImageSpec.Resize.DIGIT, 20, ImageSpec.Invert.AUTO, List.of(0.0), List.of(1.0)),
				new MlProperties.Circuit(10, 5, 50, Duration.ofSeconds(5)));
		return new InferenceClient(RestClient.builder(), properties, CircuitBreaker.ofDefaults("test"));
	}

}
