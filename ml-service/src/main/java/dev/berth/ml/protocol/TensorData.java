package dev.berth.ml.protocol;

/**
 * The {@code data} of a request input, flattened to doubles while it is parsed (no tree
 * of JSON nodes in between). Booleans become 1 and 0; which kinds were seen is kept so
 * that the datatype check can reject numbers for BOOL and booleans for numeric types.
 */
final class TensorData {

	private final double[] values;

	private final boolean hasNumbers;

	private final boolean hasBooleans;

	TensorData(double[] values, boolean hasNumbers, boolean hasBooleans) {
		this.values = values;
		this.hasNumbers = hasNumbers;
		this.hasBooleans = hasBooleans;
	}

	double[] values() {
		return values;
	}

	boolean hasNumbers() {
		return hasNumbers;
	}

	boolean hasBooleans() {
		return hasBooleans;
	}

}
