package dev.berth.ml.image;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The answer of the image endpoint: the model and version that answered, and the
 * {@code topk} most likely labels, most likely first.
 */
record PredictionResponse(String model, String version, List<Prediction> predictions) {

	/** A label with its probability, 0..1. */
	record Prediction(String label, double probability) {
	}

	/**
	 * @param scores the first output for one picture: logits when {@code softmax}, else
	 * probabilities
	 * @param labels class names by index; the index itself where there are none
	 */
	static List<Prediction> top(double[] scores, boolean softmax, List<String> labels, int topk) {
		double[] probabilities = softmax ? softmax(scores) : scores;
		List<Prediction> all = new ArrayList<>(probabilities.length);
		for (int i = 0; i < probabilities.length; i++) {
			all.add(new Prediction(i < labels.size() ? labels.get(i) : Integer.toString(i), probabilities[i]));
		}
		all.sort(Comparator.comparingDouble(Prediction::probability).reversed());
		return List.copyOf(all.subList(0, Math.min(topk, all.size())));
	}

	// web-backend has its own softmax on purpose: it reads logits from whatever V2 server
	// runs,
	// so it shares no code with this one (docs/development.md).
	static double[] softmax(double[] logits) {
		double max = Double.NEGATIVE_INFINITY;
		for (double logit : logits) {
			max = Math.max(max, logit);
		}
		// Shifted by the largest logit, so that exp never overflows.
		double[] result = new double[logits.length];
		double sum = 0;
		for (int i = 0; i < logits.length; i++) {
			result[i] = Math.exp(logits[i] - max);
			sum += result[i];
		}
		for (int i = 0; i < logits.length; i++) {
			result[i] /= sum;
		}
		return result;
	}
}
