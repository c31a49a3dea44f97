package dev.berth.ml.protocol;

/**
 * The {@code data} of a request input, flattened while it is parsed (no tree of JSON
 * nodes in between): as doubles, or, for FP32 data that the reader narrows as it goes, as
 * floats. Booleans become 1 and 0; which kinds were seen is kept so that the datatype
 * check can reject numbers for BOOL and booleans for numeric types.
 */
final class TensorData {

	private final double[] values;

	private final float[] floats;

	private final boolean hasNumbers;

	private final boolean hasBooleans;

	TensorData(double[] values, boolean hasNumbers, boolean hasBooleans) {
		this(values, null, hasNumbers, hasBooleans);
	}

	/**
	 * FP32 data, each value the float nearest to the double nearest to its text, as
	 * {@link dev.berth.ml.inference.Tensor#fromValues} would narrow it.
	 */
	TensorData(float[] floats, boolean hasNumbers, boolean hasBooleans) {
		this(null, floats, hasNumbers, hasBooleans);
	}

	private TensorData(double[] values, float[] floats, boolean hasNumbers, boolean hasBooleans) {
		this.values = values;
		this.floats = floats;
		this.hasNumbers = hasNumbers;
		this.hasBooleans = hasBooleans;
	}

	/** The values as doubles; null when they were read as {@link #floats()}. */
	double[] values() {
		return values;
	}

	/** The values of FP32 data narrowed while they were read; else null. */
	float[] floats() {
		return floats;
	}

	boolean hasNumbers() {
		return hasNumbers;
	}

	boolean hasBooleans() {
		return hasBooleans;
	}

}
