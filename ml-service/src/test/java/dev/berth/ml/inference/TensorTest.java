package dev.berth.ml.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

class TensorTest {

	@Test
	void rowsAreCopiedOutAlongTheFirstDimension() {
		Tensor tensor = Tensor.fromValues("y", TensorDataType.INT64, new long[] { 3, 2 },
				new double[] { 1, 2, 3, 4, 5, 6 });

		Tensor middle = tensor.rows(1, 2);

		assertThat(middle.shape()).containsExactly(2, 2);
		assertThat((long[]) middle.data()).containsExactly(3, 4, 5, 6);
		assertThat((long[]) tensor.rows(0, 1).data()).containsExactly(1, 2);
	}

	@Test
	void fp32ValuesBecomeAFloatArray() {
		Tensor tensor = Tensor.fromValues("x", TensorDataType.FP32, new long[] { 2, 2 },
				new double[] { 0, 0.5, 1, -2.25 });
		assertThat((float[]) tensor.data()).containsExactly(0f, 0.5f, 1f, -2.25f);
		assertThat(tensor.shape()).containsExactly(2, 2);
	}

	@Test
	void valueCountMustFillTheShape() {
		assertThatThrownBy(() -> Tensor.fromValues("x", TensorDataType.FP32, new long[] { 2, 3 }, new double[5]))
			.isInstanceOf(InvalidInputException.class)
			.hasMessage("input 'x': shape [2, 3] needs 6 values, data has 5");
	}

	@Test
	void integerTypesRejectFractionsAndOutOfRangeValues() {
		assertThatThrownBy(
				() -> Tensor.fromValues("ids", TensorDataType.INT32, new long[] { 2 }, new double[] { 1, 1.5 }))
			.hasMessage("input 'ids': element 1 (1.5) is not a valid INT32 value");
		assertThatThrownBy(() -> Tensor.fromValues("px", TensorDataType.UINT8, new long[] { 1 }, new double[] { 256 }))
			.hasMessage("input 'px': element 0 (256.0) is not a valid UINT8 value");
		assertThatThrownBy(() -> Tensor.fromValues("x", TensorDataType.FP32, new long[] { 1 }, new double[] { 1e39 }))
			.hasMessage("input 'x': element 0 (1.0E39) is not a valid FP32 value");
	}

	@Test
	void hugeShapesAreRejectedBeforeAnyAllocation() {
		assertThatThrownBy(
				() -> Tensor.fromValues("x", TensorDataType.FP32, new long[] { 1 << 20, 1 << 20 }, new double[0]))
			.hasMessage("input 'x': shape [1048576, 1048576] is too large");
	}

	@Test
	void writesNativeOrderBytesThatReadBackUnchanged() {
		for (TensorDataType type : TensorDataType.values()) {
			double[] values = type == TensorDataType.BOOL ? new double[] { 1, 0, 1 } : new double[] { 1, 0, 127 };
			Tensor original = Tensor.fromValues("t", type, new long[] { 3 }, values);
			ByteBuffer buffer = ByteBuffer.allocateDirect(original.byteSize()).order(ByteOrder.nativeOrder());

			original.writeTo(buffer);
			assertThat(buffer.position()).isEqualTo(original.byteSize());
			buffer.rewind();
			Tensor copy = Tensor.fromBuffer("t", type, new long[] { 3 }, buffer);

			assertThat(copy.data()).as(type.name()).isEqualTo(original.data());
		}
	}

}
