package dev.berth.web.prediction;

import java.awt.image.BufferedImage;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import dev.berth.web.WebAppTest;
import dev.berth.web.inference.StubMlServer;
import dev.berth.web.prediction.TestPictures.File;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.berth.web.prediction.TestPictures.encode;
import static dev.berth.web.prediction.TestPictures.seven;
import static dev.berth.web.prediction.TestPictures.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Pictures drawn in the browser or uploaded: prepared by the shared preprocessing,
 * classified in one model call, stored with their source and shown as thumbnails.
 */
@WebAppTest
class PictureUploadIT {

	static final String IMAGES = "/api/predictions/images";

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
	void aDrawingIsClassifiedAndStoredAsDrawn() {
		upload(http, IMAGES, "DRAWN", new File("drawing.png", encode(seven(false), "png"), MediaType.IMAGE_PNG))
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.results[0].fileName")
			.isEqualTo("drawing.png")
			.jsonPath("$.results[0].prediction.source")
			.isEqualTo("DRAWN")
			.jsonPath("$.results[0].prediction.predictedLabel")
			.isEqualTo(3)
			.jsonPath("$.results[0].error")
			.isEmpty();

		Prediction stored = predictions.findAll().get(0);
		assertThat(stored.getSource()).isEqualTo(Source.DRAWN);
		assertThat(ink(stored.getPixels())).as("the digit fills MNIST's 20x20 box").isBetween(60, 300);
	}

	@Test
	void aDrawingAndTheSameDigitOnPaperGiveTheModelTheSameInput() {
		upload(http, IMAGES, "DRAWN", new File("drawing.png", encode(seven(false), "png"), MediaType.IMAGE_PNG))
			.expectStatus()
			.isCreated();
		upload(http, IMAGES, null, new File("scan.jpg", encode(seven(true), "jpg"), MediaType.IMAGE_JPEG))
			.expectStatus()
			.isCreated();

		List<StubMlServer.Request> sent = ml.requests();
		List<Double> drawn = JsonPath.read(sent.get(0).body(), "$.inputs[0].data");
		List<Double> scanned = JsonPath.read(sent.get(1).body(), "$.inputs[0].data");
		assertThat(drawn).hasSize(Pixels.COUNT).hasSameSizeAs(scanned);
		for (int i = 0; i < drawn.size(); i++) {
			// JPEG's compression blurs edges by a few levels; the shape must be the same.
			assertThat(((Number) scanned.get(i)).doubleValue()).as("pixel %d", i)
				.isCloseTo(((Number) drawn.get(i)).doubleValue(), within(0.12));
		}
		assertThat(predictions.findAll()).extracting(Prediction::getSource)
			.containsExactlyInAnyOrder(Source.DRAWN, Source.UPLOADED);
	}

	@Test
	void severalFilesGoToTheModelInOneBatchAndABadOneGetsItsReason() {
		byte[] png = encode(seven(false), "png");
		upload(http, IMAGES, "UPLOADED", new File("a.png", png, MediaType.IMAGE_PNG),
				new File("notes.txt", "not a picture".getBytes(), MediaType.TEXT_PLAIN),
				new File("b.png", png, MediaType.IMAGE_PNG))
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.results[*].fileName")
			.isEqualTo(List.of("a.png", "notes.txt", "b.png"))
			.jsonPath("$.results[0].prediction.id")
			.isNumber()
			.jsonPath("$.results[1].prediction")
			.isEmpty()
			.jsonPath("$.results[1].error")
			.value(String.class, error -> assertThat(error).startsWith("not a picture"))
			.jsonPath("$.results[2].prediction.id")
			.isNumber();

		assertThat(ml.requests()).hasSize(1);
		assertThat(JsonPath.<List<Integer>>read(ml.requests().get(0).body(), "$.inputs[0].shape")).containsExactly(2, 1,
				28, 28);
		assertThat(predictions.count()).isEqualTo(2);
	}

	@Test
	void anUploadWithoutAUsablePictureIsRefusedWithTheReason() {
		upload(http, IMAGES, null,
				new File("broken.png", new byte[] { (byte) 0x89, 'P', 'N', 'G', 1, 2, 3 }, MediaType.IMAGE_PNG))
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value(String.class, detail -> assertThat(detail).startsWith("'broken.png': "));
		assertThat(ml.requests()).isEmpty();
		assertThat(predictions.count()).isZero();
	}

	@Test
	void onlyPeopleDrawOrUpload() {
		upload(http, IMAGES, "BATCH", new File("a.png", encode(seven(false), "png"), MediaType.IMAGE_PNG))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("source must be DRAWN or UPLOADED, not BATCH");
	}

	@Test
	void theThumbnailIsThePictureTheModelSaw() {
		upload(http, IMAGES, "DRAWN", new File("drawing.png", encode(seven(false), "png"), MediaType.IMAGE_PNG))
			.expectStatus()
			.isCreated();
		Prediction stored = predictions.findAll().get(0);

		byte[] png = http.get()
			.uri("/api/predictions/{id}/image.png", stored.getId())
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.IMAGE_PNG)
			.expectHeader()
			.value("Cache-Control", v -> assertThat(v).contains("immutable"))
			.expectBody()
			.returnResult()
			.getResponseBodyContent();

		BufferedImage thumbnail = TestPictures.decode(png);
		assertThat(thumbnail.getWidth()).isEqualTo(28);
		byte[] gray = new byte[Pixels.COUNT];
		thumbnail.getRaster().getDataElements(0, 0, 28, 28, gray);
		assertThat(Pixels.fromBytes(gray)).isEqualTo(stored.getPixels());
	}

	private static int ink(Pixels pixels) {
		int lit = 0;
		for (byte b : pixels.toBytes()) {
			if (Byte.toUnsignedInt(b) > 127) {
				lit++;
			}
		}
		return lit;
	}

}
