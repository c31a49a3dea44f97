package dev.berth.ml.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.function.IntFunction;

import dev.berth.ml.MnistSample;
import dev.berth.ml.V2Client;
import dev.berth.ml.V2Client.Reply;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * Pictures of the 200 held-out digits through {@code POST /predictions/mnist}, drawn the
 * ways people draw them, and uploads that must be refused. The body limit is lowered to 1
 * MB so that an oversized upload stays small enough for the server to read and answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "berth.ml.model-repository=model-repository", "berth.ml.image.max-bytes=1MB" })
class ImagePredictionIT {

	static MnistSample sample;

	@LocalServerPort
	int port;

	V2Client client;

	@BeforeAll
	static void loadSample() {
		sample = MnistSample.load();
	}

	@BeforeEach
	void connect() {
		client = new V2Client(port);
	}

	@Test
	void classifiesWhiteOnBlackPngs() {
		assertThat(
				accuracy(i -> DigitImages.encode(DigitImages.small(sample.images().get(i), false), "png"), "image/png"))
			.isGreaterThanOrEqualTo(0.95);
	}

	@Test
	void classifiesBlackOnWhitePngs() {
		assertThat(
				accuracy(i -> DigitImages.encode(DigitImages.small(sample.images().get(i), true), "png"), "image/png"))
			.isGreaterThanOrEqualTo(0.95);
	}

	@Test
	void classifiesLargeOffCentreColourDrawingsAsPngAndJpeg() {
		assertThat(accuracy(i -> DigitImages.encode(DigitImages.large(sample.images().get(i)), "png"), "image/png"))
			.as("200x200 PNG")
			.isGreaterThanOrEqualTo(0.95);
		assertThat(accuracy(i -> DigitImages.encode(DigitImages.large(sample.images().get(i)), "jpg"), "image/jpeg"))
			.as("200x200 JPEG")
			.isGreaterThanOrEqualTo(0.95);
	}

	@Test
	void classifiesPicturesOfMillionsOfPixelsDecodedSubsampled() {
		// 4000x4000 = 16 Mpx: decoded in full and preprocessed, one such picture took
		// ~450 MB of heap.
		for (int i = 0; i < 5; i++) {
			byte[] picture = DigitImages.encode(DigitImages.huge(sample.images().get(i), 4000), "png");
			Reply reply = client.post("/predictions/mnist?topk=1", picture, "image/png");
			assertThat(reply.status()).as(reply.body()).isEqualTo(200);
			assertThat(top(reply)).isEqualTo(modelAnswer(i));
		}
	}

	@Test
	void answersTheTopFiveLabelsWithProbabilitiesMostLikelyFirst() {
		Reply reply = client.post("/predictions/mnist", png(0), "image/png");

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(reply.header("Content-Type")).startsWith("application/json");
		JsonNode body = reply.json();
		assertThat(body.path("model").asString()).isEqualTo("mnist");
		assertThat(body.path("version").asString()).isEqualTo("1");
		JsonNode predictions = body.path("predictions");
		assertThat(predictions.size()).isEqualTo(5);
		assertThat(predictions.get(0).path("label").asString()).isEqualTo(modelAnswer(0));
		for (int i = 1; i < predictions.size(); i++) {
			assertThat(predictions.get(i).path("probability").asDouble()).isBetween(0.0,
					predictions.get(i - 1).path("probability").asDouble());
		}
	}

	@Test
	void topkChoosesHowManyAndAllOfThemAddUpToOne() {
		assertThat(client.post("/predictions/mnist?topk=2", png(1), "image/png").json().path("predictions").size())
			.isEqualTo(2);
		JsonNode all = client.post("/predictions/mnist?topk=50", png(1), "image/png").json().path("predictions");
		assertThat(all.size()).as("no more than the model's classes").isEqualTo(10);
		double sum = 0;
		for (JsonNode prediction : all) {
			sum += prediction.path("probability").asDouble();
		}
		assertThat(sum).isCloseTo(1.0, offset(1e-6));
	}

	@Test
	void acceptsMultipartFormsWithADataOrFilePart() {
		for (String field : new String[] { "data", "file" }) {
			byte[] form = DigitImages.multipart("b0undary", field, "image/png", png(2));
			Reply reply = client.post("/predictions/mnist", form, "multipart/form-data; boundary=b0undary");
			assertThat(reply.status()).as(field + ": " + reply.body()).isEqualTo(200);
			assertThat(top(reply)).isEqualTo(modelAnswer(2));
		}
	}

	@Test
	void acceptsWhatCurlSendsWithDashTAndDataBinary() {
		// curl -T digit.png sends PUT without a Content-Type; --data-binary says
		// form-urlencoded.
		Reply put = client.send("PUT", "/predictions/mnist", png(3), Map.of());
		assertThat(put.status()).as(put.body()).isEqualTo(200);
		assertThat(top(put)).isEqualTo(modelAnswer(3));
		Reply form = client.post("/predictions/mnist?topk=1", png(3), "application/x-www-form-urlencoded");
		assertThat(form.status()).as(form.body()).isEqualTo(200);
		assertThat(top(form)).isEqualTo(modelAnswer(3));
	}

	@Test
	void aVersionCanBeNamed() {
		Reply named = client.post("/predictions/mnist/1", png(4), "image/png");
		assertThat(named.status()).isEqualTo(200);
		assertThat(named.json().path("version").asString()).isEqualTo("1");

		Reply unknownVersion = client.post("/predictions/mnist/9", png(4), "image/png");
		assertThat(unknownVersion.status()).isEqualTo(404);
		assertThat(unknownVersion.error()).isEqualTo("model 'mnist' has no version '9'");
		Reply unknownModel = client.post("/predictions/nothing", png(4), "image/png");
		assertThat(unknownModel.status()).isEqualTo(404);
		assertThat(unknownModel.error()).isEqualTo("unknown model 'nothing'");
	}

	@Test
	void refusesWhatIsNotAPictureWithAMessageAndKeepsServing() {
		byte[] corrupt = Arrays.copyOf(png(5), 60);
		byte[] pngSignatureThenJunk = new byte[200];
		System.arraycopy(png(5), 0, pngSignatureThenJunk, 0, 16);
		byte[] text = "this is not a picture".getBytes(StandardCharsets.UTF_8);
		byte[] oversized = new byte[1536 * 1024];
		System.arraycopy(png(5), 0, oversized, 0, png(5).length);

		expect(client.post("/predictions/mnist", corrupt, "image/png"), 400,
				"the picture is corrupt or cut short (PNG)");
		expect(client.post("/predictions/mnist", pngSignatureThenJunk, "image/png"), 400,
				"the picture is corrupt or cut short");
		expect(client.post("/predictions/mnist", new byte[0], "image/png"), 400, "the picture is empty");
		expect(client.post("/predictions/mnist", text, "image/png"), 400, "the body is not a picture");
		expect(client.post("/predictions/mnist", text, "text/plain"), 415,
				"Content-Type 'text/plain' is not a picture");
		expect(client.post("/predictions/mnist", "{}".getBytes(), "application/json"), 415,
				"Content-Type 'application/json'");
		expect(client.post("/predictions/mnist", DigitImages.pngClaiming(50_000, 50_000), "image/png"), 413,
				"the picture has 50000x50000 pixels; at most 16777216 pixels");
		expect(client.post("/predictions/mnist", oversized, "image/png"), 413,
				"the picture has 1572864 bytes; at most 1048576");
		expect(client.post("/predictions/mnist", DigitImages.multipart("b", "picture", "image/png", png(5)),
				"multipart/form-data; boundary=b"), 400, "the multipart body has no part named 'data' or 'file'");
		expect(client.post("/predictions/mnist", DigitImages.multipart("b", "data", "image/png", oversized),
				"multipart/form-data; boundary=b"), 413, "the upload is larger than");
		expect(client.post("/predictions/mnist?topk=0", png(5), "image/png"), 400,
				"'topk' must be a whole number of at least 1");
		expect(client.post("/predictions/mnist?topk=many", png(5), "image/png"), 400, "'topk' must be a whole number");

		Reply fine = client.post("/predictions/mnist", png(5), "image/png");
		assertThat(fine.status()).isEqualTo(200);
		assertThat(top(fine)).isEqualTo(modelAnswer(5));
	}

	private static void expect(Reply reply, int status, String messageStart) {
		assertThat(reply.status()).as(reply.body()).isEqualTo(status);
		assertThat(reply.header("Content-Type")).startsWith("application/json");
		assertThat(reply.error()).startsWith(messageStart);
	}

	private double accuracy(IntFunction<byte[]> picture, String contentType) {
		int correct = 0;
		for (int i = 0; i < sample.size(); i++) {
			Reply reply = client.post("/predictions/mnist?topk=1", picture.apply(i), contentType);
			assertThat(reply.status()).as(reply.body()).isEqualTo(200);
			if (top(reply).equals(sample.labels().get(i).toString())) {
				correct++;
			}
		}
		return (double) correct / sample.size();
	}

	/**
	 * What the model answers for this digit as 28x28 pixels (V2 infer), right or wrong.
	 */
	private static String modelAnswer(int index) {
		return sample.pythonPredictions().get(index).toString();
	}

	private static byte[] png(int index) {
		return DigitImages.encode(DigitImages.small(sample.images().get(index), false), "png");
	}

	private static String top(Reply reply) {
		return reply.json().path("predictions").get(0).path("label").asString();
	}

}
