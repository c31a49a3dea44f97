package dev.berth.web.prediction;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A prediction as the API shows it.
 *
 * @param top every label with its probability, most probable first
 * @param latencyMs how long the model took, in milliseconds to one decimal; null for old
 * predictions
 * @param imageUrl the 28x28 picture the model saw, as a PNG
 */
record PredictionResponse(long id, Instant createdAt, Source source, String modelName, String modelVersion,
		int predictedLabel, double confidence, List<LabelProbability> top, Integer correctedLabel, Instant correctedAt,
		Double latencyMs, String imageUrl) {

	record LabelProbability(int label, double probability) {
	}

	static PredictionResponse of(Prediction p) {
		List<LabelProbability> top = IntStream.range(0, p.labelCount())
			.mapToObj(label -> new LabelProbability(label, p.probability(label)))
			.sorted(Comparator.comparingDouble(LabelProbability::probability)
				.reversed()
				.thenComparingInt(LabelProbability::label))
			.toList();
		Duration latency = p.getLatency();
		Double latencyMs = latency == null ? null : Math.round(latency.toNanos() / 100_000.0) / 10.0;
		return new PredictionResponse(p.getId(), p.getCreatedAt(), p.getSource(), p.getModelName(), p.getModelVersion(),
				p.getPredictedLabel(), p.getConfidence(), top, p.getCorrectedLabel(), p.getCorrectedAt(), latencyMs,
				"/api/predictions/" + p.getId() + "/image.png");
	}

}
