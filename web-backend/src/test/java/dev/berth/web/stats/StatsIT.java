package dev.berth.web.stats;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.berth.web.WebAppTest;
import dev.berth.web.prediction.Pixels;
import dev.berth.web.prediction.Prediction;
import dev.berth.web.prediction.PredictionRepository;
import dev.berth.web.prediction.Source;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Accuracy, confusion and activity as people label predictions. */
@WebAppTest
class StatsIT {

	static final Instant TODAY = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();

	@Autowired
	RestTestClient http;

	@Autowired
	PredictionRepository predictions;

	@BeforeEach
	void clear() {
		predictions.deleteAll();
	}

	@Test
	void withNothingStoredEveryCountIsZeroAndAccuracyUnknown() {
		http.get()
			.uri("/api/stats")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.total")
			.isEqualTo(0)
			.jsonPath("$.models")
			.isEmpty()
			.jsonPath("$.confusion.length()")
			.isEqualTo(10)
			.jsonPath("$.perDay")
			.isEmpty();
	}

	@Test
	void labelsFeedAccuracyPerVersionTheConfusionMatrixAndTheDays() {
		save(7, 7, "1", TODAY.minus(2, ChronoUnit.DAYS));
		save(7, 1, "1", TODAY.minus(2, ChronoUnit.DAYS));
		save(1, 1, "1", TODAY);
		save(3, -1, "1", TODAY);
		save(4, 4, "2", TODAY.plusSeconds(60));
		save(4, -1, "2", TODAY.minus(40, ChronoUnit.DAYS));

		http.get()
			.uri("/api/stats")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.total")
			.isEqualTo(6)
			.jsonPath("$.labelled")
			.isEqualTo(4)
			.jsonPath("$.correct")
			.isEqualTo(3)
			.jsonPath("$.models[0].modelVersion")
			.isEqualTo("1")
			.jsonPath("$.models[0].predictions")
			.isEqualTo(4)
			.jsonPath("$.models[0].accuracy")
			.isEqualTo(2.0 / 3)
			.jsonPath("$.models[1].modelVersion")
			.isEqualTo("2")
			.jsonPath("$.models[1].accuracy")
			.isEqualTo(1.0)
			.jsonPath("$.confusion[1][7]")
			.isEqualTo(1)
			.jsonPath("$.confusion[7][7]")
			.isEqualTo(1)
			.jsonPath("$.confusion[4][4]")
			.isEqualTo(1)
			.jsonPath("$.confusion[3][3]")
			.isEqualTo(0)
			// The day 40 days ago is outside the chart's 30 days.
			.jsonPath("$.perDay[*].day")
			.isEqualTo(List.of(day(TODAY.minus(2, ChronoUnit.DAYS)), day(TODAY)))
			.jsonPath("$.perDay[1].predictions")
			.isEqualTo(3)
			.jsonPath("$.perDay[1].labelled")
			.isEqualTo(2)
			.jsonPath("$.perDay[0].correct")
			.isEqualTo(1)
			.jsonPath("$.modelVersions")
			.isEqualTo(List.of("1", "2"));
	}

	private static String day(Instant at) {
		return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
	}

	private void save(int guess, int label, String modelVersion, Instant at) {
		double[] probabilities = new double[10];
		probabilities[guess] = 1;
		Prediction prediction = new Prediction(at, Source.DRAWN, "mnist", modelVersion,
				Pixels.fromBytes(new byte[Pixels.COUNT]), probabilities, Duration.ofMillis(1));
		if (label >= 0) {
			prediction.correct(label, at);
		}
		predictions.save(prediction);
	}

}
