package dev.berth.web.inference;

/**
 * Turning a model's output vector into a probability distribution. Here, not shared with
 * ml-service: web speaks only the Open Inference Protocol to whatever server runs the
 * model.
 */
final class Probabilities {

	/** How far from 1 a "probabilities" output may sum before it is not believed. */
	private static final double SUM_TOLERANCE = 1e-3;

	private Probabilities() {
	}

	/**
	 * Numerically stable softmax: subtracting the maximum keeps {@code exp} from
	 * overflowing.
	 */
	static double[] softmax(double[] logits) {
		double max = Double.NEGATIVE_INFINITY;
		for (double logit : logits) {
			max = Math.max(max, logit);
		}
		double[] result = new double[logits.length];
		double sum = 0;
		for (int i = 0; i < logits.length; i++) {
			result[i] = Math.exp(logits[i] - max);
			sum += result[i];
		}
		for (int i = 0; i < result.length; i++) {
			result[i] /= sum;
		}
		return result;
	}

	/**
	 * Rescales probabilities that sum to 1 up to float rounding so they sum to 1 exactly;
	 * null when they are negative or clearly do not sum to 1 (e.g. logits sent by
	 * mistake).
	 */
	static double[] normalise(double[] probabilities) {
		double sum = 0;
		for (double p : probabilities) {
			if (p < 0) {
				return null;
			}
			sum += p;
		}
		if (Math.abs(sum - 1) > SUM_TOLERANCE) {
			return null;
		}
		double[] result = new double[probabilities.length];
		for (int i = 0; i < probabilities.length; i++) {
			result[i] = probabilities[i] / sum;
		}
		return result;
	}

}
