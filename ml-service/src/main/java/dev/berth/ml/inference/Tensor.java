package dev.berth.ml.inference;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A named, typed, row-major tensor held in a Java primitive array: {@code float[]} for
 * FP32, {@code double[]} for FP64, {@code long[]} for INT64, {@code int[]} for INT32,
 * INT8 and UINT8, {@code boolean[]} for BOOL. Immutable by convention: {@link #data()}
 * exposes the array without a copy, for speed, and nobody may change it.
 */
public final class Tensor {

	private final String name;

	private final TensorDataType datatype;

	private final long[] shape;

	private final Object data;

	private Tensor(String name, TensorDataType datatype, long[] shape, Object data) {
		this.name = name;
		this.datatype = datatype;
		this.shape = shape;
		this.data = data;
	}

	/**
	 * Builds a tensor from numbers as JSON carries them (doubles, booleans as 0 and 1),
	 * checking that there are as many as the shape says and that each fits the datatype.
	 * @throws InvalidInputException naming the tensor and the first offending element
	 */
	public static Tensor fromValues(String name, TensorDataType datatype, long[] shape, double[] values) {
		requireCount(name, shape, values.length);
		return new Tensor(name, datatype, shape.clone(), convert(name, datatype, values));
	}

	/**
	 * Builds an FP32 tensor from values already narrowed to floats, taking the array
	 * without a copy (the caller must not change it), checking that there are as many as
	 * the shape says.
	 * @throws InvalidInputException naming the tensor
	 */
	public static Tensor fromFloats(String name, long[] shape, float[] values) {
		requireCount(name, shape, values.length);
		return new Tensor(name, TensorDataType.FP32, shape.clone(), values);
	}

	/** Reads a tensor out of native memory (a model output) into a Java array. */
	static Tensor fromBuffer(String name, TensorDataType datatype, long[] shape, ByteBuffer source) {
		ByteBuffer buffer = source.duplicate().order(ByteOrder.nativeOrder());
		Object data = newArray(datatype, Math.toIntExact(elementCount(name, shape)));
		// The mirror of writeTo(), datatype by datatype: reading and writing must agree.
		switch (datatype) {
			case FP32 -> buffer.asFloatBuffer().get((float[]) data);
			case FP64 -> buffer.asDoubleBuffer().get((double[]) data);
			case INT64 -> buffer.asLongBuffer().get((long[]) data);
			case INT32 -> buffer.asIntBuffer().get((int[]) data);
			case INT8, UINT8 -> {
				int[] values = (int[]) data;
				for (int i = 0; i < values.length; i++) {
					byte b = buffer.get();
					values[i] = datatype == TensorDataType.UINT8 ? Byte.toUnsignedInt(b) : b;
				}
			}
			case BOOL -> {
				boolean[] values = (boolean[]) data;
				for (int i = 0; i < values.length; i++) {
					values[i] = buffer.get() != 0;
				}
			}
		}
		return new Tensor(name, datatype, shape.clone(), data);
	}

	/** Builds a tensor of zeros (false for BOOL), e.g. for warm-up runs. */
	static Tensor zeros(String name, TensorDataType datatype, long[] shape) {
		return fromValues(name, datatype, shape, new double[Math.toIntExact(elementCount(name, shape))]);
	}

	public String name() {
		return name;
	}

	public TensorDataType datatype() {
		return datatype;
	}

	public long[] shape() {
		return shape.clone();
	}

	/**
	 * The values as a primitive array, see the class comment for which type; not a copy.
	 */
	public Object data() {
		return data;
	}

	public int elementCount() {
		return java.lang.reflect.Array.getLength(data);
	}

	int byteSize() {
		return elementCount() * datatype.byteSize();
	}

	/**
	 * Writes the values in native byte order at the buffer's position, as libtorch reads
	 * them.
	 */
	void writeTo(ByteBuffer target) {
		ByteBuffer buffer = target.order(ByteOrder.nativeOrder());
		int start = buffer.position();
		switch (datatype) {
			case FP32 -> buffer.asFloatBuffer().put((float[]) data);
			case FP64 -> buffer.asDoubleBuffer().put((double[]) data);
			case INT64 -> buffer.asLongBuffer().put((long[]) data);
			case INT32 -> buffer.asIntBuffer().put((int[]) data);
			case INT8, UINT8 -> {
				for (int value : (int[]) data) {
					buffer.put((byte) value);
				}
			}
			case BOOL -> {
				for (boolean value : (boolean[]) data) {
					buffer.put((byte) (value ? 1 : 0));
				}
			}
		}
		// The typed views above do not move the byte buffer's position.
		buffer.position(start + byteSize());
	}

	/**
	 * Rows {@code [from, from + count)} of the first dimension, copied: one request's
	 * share of a batched output.
	 */
	Tensor rows(int from, int count) {
		int rowSize = shape[0] == 0 ? 0 : elementCount() / Math.toIntExact(shape[0]);
		long[] rowsShape = shape.clone();
		rowsShape[0] = count;
		Object part = java.lang.reflect.Array.newInstance(data.getClass().getComponentType(), count * rowSize);
		System.arraycopy(data, from * rowSize, part, 0, count * rowSize);
		return new Tensor(name, datatype, rowsShape, part);
	}

	@Override
	public String toString() {
		return "Tensor[%s %s %s]".formatted(name, datatype, Arrays.toString(shape));
	}

	private static void requireCount(String name, long[] shape, int count) {
		long expected = elementCount(name, shape);
		if (count != expected) {
			throw new InvalidInputException("input '%s': shape %s needs %d values, data has %d".formatted(name,
					Arrays.toString(shape), expected, count));
		}
	}

	private static long elementCount(String name, long[] shape) {
		long count = 1;
		for (long dim : shape) {
			if (dim < 0) {
				throw new InvalidInputException(
						"input '%s': shape %s has a negative dimension".formatted(name, Arrays.toString(shape)));
			}
			count *= dim;
			if (count > Integer.MAX_VALUE) {
				throw new InvalidInputException(
						"input '%s': shape %s is too large".formatted(name, Arrays.toString(shape)));
			}
		}
		return count;
	}

	/**
	 * An empty array of the Java type that holds the datatype (see the class comment).
	 */
	private static Object newArray(TensorDataType datatype, int count) {
		return switch (datatype) {
			case FP32 -> new float[count];
			case FP64 -> new double[count];
			case INT64 -> new long[count];
			case INT32, INT8, UINT8 -> new int[count];
			case BOOL -> new boolean[count];
		};
	}

	private static Object convert(String name, TensorDataType datatype, double[] values) {
		switch (datatype) {
			case FP64:
				return values.clone();
			case FP32: {
				float[] out = new float[values.length];
				for (int i = 0; i < values.length; i++) {
					out[i] = (float) values[i];
					if (Float.isInfinite(out[i]) && !Double.isInfinite(values[i])) {
						throw outOfRange(name, datatype, i, values[i]);
					}
				}
				return out;
			}
			case INT64: {
				long[] out = new long[values.length];
				for (int i = 0; i < values.length; i++) {
					out[i] = (long) integral(name, datatype, i, values[i], Long.MIN_VALUE, Long.MAX_VALUE);
				}
				return out;
			}
			case INT32:
				return ints(name, datatype, values, Integer.MIN_VALUE, Integer.MAX_VALUE);
			case INT8:
				return ints(name, datatype, values, Byte.MIN_VALUE, Byte.MAX_VALUE);
			case UINT8:
				return ints(name, datatype, values, 0, 255);
			case BOOL: {
				boolean[] out = new boolean[values.length];
				for (int i = 0; i < values.length; i++) {
					out[i] = integral(name, datatype, i, values[i], 0, 1) == 1;
				}
				return out;
			}
			default:
				throw new IllegalStateException("unhandled datatype " + datatype);
		}
	}

	private static int[] ints(String name, TensorDataType datatype, double[] values, long min, long max) {
		int[] out = new int[values.length];
		for (int i = 0; i < values.length; i++) {
			out[i] = (int) integral(name, datatype, i, values[i], min, max);
		}
		return out;
	}

	private static double integral(String name, TensorDataType datatype, int index, double value, double min,
			double max) {
		if (value != Math.rint(value) || value < min || value > max) {
			throw outOfRange(name, datatype, index, value);
		}
		return value;
	}

	private static InvalidInputException outOfRange(String name, TensorDataType datatype, int index, double value) {
		return new InvalidInputException(
				"input '%s': element %d (%s) is not a valid %s value".formatted(name, index, value, datatype));
	}

}
