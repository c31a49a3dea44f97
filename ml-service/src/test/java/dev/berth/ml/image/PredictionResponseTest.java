package dev.berth.ml.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;

import org.junit.jupiter.api.Test;

class PredictionResponseTest {

	@Test
	void softmaxGivesProbabilitiesEvenForHugeLogits() {
		double[] probabilities = PredictionResponse.softmax(new double[] { 1000, 1000, -1000 });
		assertThat(probabilities[0]).isCloseTo(0.5, offset(1e-12));
		assertThat(probabilities[1]).isCloseTo(0.5, offset(1e-12));
		assertThat(probabilities[2]).isZero();
	}

	@Test
	void topkListsTheMostLikelyLabelsFirst() {
		List<PredictionResponse.Prediction> top = PredictionResponse.top(new double[] { 0.1, 2.0, 1.0 }, true,
				List.of("cat", "dog", "bird"), 2);
		assertThat(top).extracting(PredictionResponse.Prediction::label).containsExactly("dog", "bird");
		assertThat(top.get(0).probability()).isCloseTo(0.6590, offset(1e-4));
	}

	@Test
	void withoutLabelsTheIndexIsTheLabelAndProbabilitiesPassAsTheyAre() {
		List<PredictionResponse.Prediction> top = PredictionResponse.top(new double[] { 0.2, 0.7, 0.1 }, false,
				List.of(), 5);
		assertThat(top).containsExactly(new PredictionResponse.Prediction("1", 0.7),
				new PredictionResponse.Prediction("0", 0.2), new PredictionResponse.Prediction("2", 0.1));
	}

}
