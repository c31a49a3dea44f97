package dev.berth.web.prediction;

import java.time.Duration;
import java.time.Instant;

import dev.berth.testsupport.RequiresDocker;
import dev.berth.web.TestcontainersConfiguration;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The entity against the real schema, on every engine the schema supports (one subclass
 * each): Flyway applies the db module's migrations, Hibernate validates the mapping
 * against them, and a prediction comes back exactly as it was saved.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(TestcontainersConfiguration.class)
@RequiresDocker
abstract class PredictionRepositoryContract {

	@Autowired
	PredictionRepository predictions;

	@Autowired
	EntityManager entityManager;

	@Test
	void aPredictionComesBackExactlyAsSaved() {
		Instant createdAt = Instant.parse("2026-11-28T12:34:56.123456Z");
		double[] probabilities = { 0.01, 0.02, 0.03, 0.7, 0.04, 0.05, 0.06, 0.05, 0.03, 0.01 };
		Prediction saved = predictions.save(new Prediction(createdAt, Source.UPLOADED, "mnist", "3",
				Pixels.of(TestImages.gradient()), probabilities, Duration.ofNanos(1_234_567)));
		saved.correct(8, createdAt.plusSeconds(60));
		entityManager.flush();
		entityManager.clear();

		Prediction found = predictions.findById(saved.getId()).orElseThrow();

		assertThat(found.getCreatedAt()).isEqualTo(createdAt);
		assertThat(found.getModelName()).isEqualTo("mnist");
		assertThat(found.getModelVersion()).isEqualTo("3");
		assertThat(found.getPredictedLabel()).isEqualTo(3);
		assertThat(found.getConfidence()).isEqualTo(0.7);
		assertThat(found.labelCount()).isEqualTo(10);
		assertThat(found.probability(6)).isEqualTo(0.06);
		assertThat(found.getCorrectedLabel()).isEqualTo(8);
		assertThat(found.getCorrectedAt()).isEqualTo(createdAt.plusSeconds(60));
		assertThat(found.getPixels()).isEqualTo(Pixels.of(TestImages.gradient()));
		assertThat(found.getSource()).isEqualTo(Source.UPLOADED);
		assertThat(found.getLatency()).isEqualTo(Duration.ofNanos(1_234_000));
	}

}
