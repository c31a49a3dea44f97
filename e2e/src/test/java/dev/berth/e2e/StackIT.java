package dev.berth.e2e;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** One request path through every container, as a user of the running stack sees it. */
class StackIT {

	@Test
	void gatewayServesTheBrowserApp() {
		Stack.Response page = Stack.get("/");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.header("Content-Type")).startsWith("text/html");
		assertThat(page.body()).contains("Berth");
		assertThat(page.header("X-Request-Id")).isNotBlank();
		assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
	}

	@Test
	void inferenceServerIsReadyAndDescribesTheDigitModel() {
		assertThat(Stack.get("/v2/health/live").status()).isEqualTo(200);
		assertThat(Stack.get("/v2/health/ready").status()).isEqualTo(200);
		Stack.Response model = Stack.get("/v2/models/mnist");
		assertThat(model.status()).isEqualTo(200);
		assertThat(model.json().get("name").asString()).isEqualTo("mnist");
		assertThat(model.json().get("inputs")).isNotEmpty();
	}

	@Test
	void v2InferenceRecognisesRealDigits() {
		List<Stack.Digit> digits = Stack.digits();
		int correct = 0;
		for (Stack.Digit digit : digits) {
			Stack.Response response = Stack.postJson("/v2/models/mnist/infer",
					Map.of("id", "e2e-" + digit.label(), "inputs", List.of(Map.of("name", inputName(), "shape",
							List.of(1, 1, 28, 28), "datatype", "FP32", "data", digit.pixels()))));
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			assertThat(response.json().get("id").asString()).isEqualTo("e2e-" + digit.label());
			correct += argmax(response.json().get("outputs").get(0).get("data")) == digit.label() ? 1 : 0;
		}
		assertThat(correct).as("digits recognised out of %d", digits.size()).isGreaterThanOrEqualTo(digits.size() - 2);
	}

	@Test
	void predictionIsStoredCorrectedAndReadBackThroughTheWebApp() {
		Stack.Digit seven = Stack.digits().stream().filter(d -> d.label() == 7).findFirst().orElseThrow();

		Stack.Response created = Stack.postJson("/api/predictions", Map.of("pixels", seven.pixels()));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		long id = created.json().get("id").asLong();
		assertThat(created.json().get("predictedLabel").asInt()).isEqualTo(7);
		assertThat(created.header("Location")).endsWith("/api/predictions/" + id);

		Stack.Response corrected = Stack.patchJson("/api/predictions/" + id, Map.of("correctedLabel", 1));
		assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);

		JsonNode stored = Stack.get("/api/predictions/" + id).json();
		assertThat(stored.get("predictedLabel").asInt()).isEqualTo(7);
		assertThat(stored.get("correctedLabel").asInt()).isEqualTo(1);

		JsonNode history = Stack.get("/api/predictions").json();
		assertThat(history.toString()).contains("\"id\":" + id);
	}

	@Test
	void uploadedPicturesOfRealDigitsAreRecognisedInOneRequest() {
		List<Stack.Digit> digits = Stack.digits().subList(0, 20);
		Map<String, byte[]> pictures = new LinkedHashMap<>();
		for (int i = 0; i < digits.size(); i++) {
			pictures.put("digit-" + i + "-" + digits.get(i).label() + ".png", Stack.png(digits.get(i)));
		}

		Stack.Response response = Stack.postPictures("/api/predictions/images", pictures, Map.of("source", "UPLOADED"));

		assertThat(response.status()).as(response.body()).isEqualTo(201);
		int correct = 0;
		for (int i = 0; i < digits.size(); i++) {
			JsonNode prediction = response.json().get("results").get(i).get("prediction");
			assertThat(prediction.get("source").asString()).isEqualTo("UPLOADED");
			correct += prediction.get("predictedLabel").asInt() == digits.get(i).label() ? 1 : 0;
		}
		assertThat(correct).as("uploaded digits recognised out of %d", digits.size())
			.isGreaterThanOrEqualTo(digits.size() - 2);
		String thumbnail = response.json().get("results").get(0).get("prediction").get("imageUrl").asString();
		Stack.Response png = Stack.get(thumbnail);
		assertThat(png.status()).isEqualTo(200);
		assertThat(png.header("Content-Type")).isEqualTo("image/png");
	}

	@Test
	void statsStatusAndTheApiDescriptionAnswerThroughTheGateway() {
		Stack.postJson("/api/predictions", Map.of("pixels", Stack.digits().get(0).pixels()));

		assertThat(Stack.get("/api/status").json().get("inference").asString()).isEqualTo("UP");
		JsonNode stats = Stack.get("/api/stats").json();
		assertThat(stats.get("total").asLong()).isPositive();
		assertThat(stats.get("confusion").size()).isEqualTo(10);
		Stack.Response description = Stack.get("/v3/api-docs");
		assertThat(description.status()).isEqualTo(200);
		assertThat(description.json().get("paths").has("/api/predictions/images")).isTrue();
	}

	@Test
	void theBrowserAppsViewsSurviveAReload() {
		for (String view : List.of("/history", "/stats", "/jobs")) {
			Stack.Response page = Stack.getPage(view);
			assertThat(page.status()).as(view).isEqualTo(200);
			assertThat(page.header("Content-Type")).as(view).startsWith("text/html");
		}
	}

	@Test
	void badInputIsAClearClientErrorWithoutInternals() {
		Stack.Response shortImage = Stack.postJson("/api/predictions", Map.of("pixels", new float[10]));
		assertThat(shortImage.status()).isEqualTo(400);
		assertThat(shortImage.body()).contains("784").doesNotContain("Exception");

		Stack.Digit digit = Stack.digits().get(0);
		Stack.Response unknownModel = Stack.postJson("/v2/models/no-such-model/infer", Map.of("inputs", List.of(Map
			.of("name", inputName(), "shape", List.of(1, 1, 28, 28), "datatype", "FP32", "data", digit.pixels()))));
		assertThat(unknownModel.status()).isEqualTo(404);
		assertThat(unknownModel.json().get("error").asString()).contains("no-such-model");
	}

	private static String inputName() {
		return Stack.get("/v2/models/mnist").json().get("inputs").get(0).get("name").asString();
	}

	private static int argmax(JsonNode values) {
		int best = 0;
		for (int i = 1; i < values.size(); i++) {
			if (values.get(i).asDouble() > values.get(best).asDouble()) {
				best = i;
			}
		}
		return best;
	}

}
