package dev.berth.web.prediction;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** A prediction as the API shows it. */
record PredictionResponse(long id, int predictedLabel, double confidence, List<LabelProbability> top,
		Integer correctedLabel, String modelName, String modelVersion, Instant createdAt) {

	/** How many of the most probable labels {@code top} lists. */
	static final int TOP = 3;

	record LabelProbability(int label, double probability) {
	}

	static PredictionResponse of(Prediction p) {
		List<LabelProbability> top = IntStream.range(0, p.labelCount())
			.mapToObj(label -> new LabelProbability(label, p.probability(label)))
			.sorted(Comparator.comparingDouble(LabelProbability::probability)
				.reversed()
				.thenComparingInt(LabelProbability::label))
			.limit(TOP)
			.toList();
		return new PredictionResponse(p.getId(), p.getPredictedLabel(), p.getConfidence(), top, p.getCorrectedLabel(),
				p.getModelName(), p.getModelVersion(), p.getCreatedAt());
	}

}
