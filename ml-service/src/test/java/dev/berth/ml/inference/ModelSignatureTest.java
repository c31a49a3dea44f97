package dev.berth.ml.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ModelSignatureTest {

	final ModelSignature twoInputs = new ModelSignature(
			List.of(new TensorSpec("image", TensorDataType.FP32, List.of(-1L, 4L)),
					new TensorSpec("mask", TensorDataType.BOOL, List.of(-1L, 4L))),
			List.of(new TensorSpec("scores", TensorDataType.FP32, List.of(-1L, 2L))), 8);

	@Test
	void arrangesInputsInDeclarationOrder() {
		Tensor mask = tensor("mask", TensorDataType.BOOL, 2, 4);
		Tensor image = tensor("image", TensorDataType.FP32, 2, 4);
		assertThat(twoInputs.arrange(List.of(mask, image))).containsExactly(image, mask);
	}

	@Test
	void reportsMissingDuplicateAndUnknownInputs() {
		Tensor image = tensor("image", TensorDataType.FP32, 1, 4);
		assertThatThrownBy(() -> twoInputs.arrange(List.of(image)))
			.hasMessage("input 'mask' is missing; the model takes 'image', 'mask'");
		assertThatThrownBy(() -> twoInputs.arrange(List.of(image, image))).hasMessage("input 'image' is given twice");
		assertThatThrownBy(() -> twoInputs.arrange(List.of(tensor("depth", TensorDataType.FP32, 1, 4))))
			.hasMessage("unknown input 'depth'; the model takes 'image', 'mask'");
	}

	@Test
	void checksDatatypeShapeAndBatchSize() {
		Tensor mask = tensor("mask", TensorDataType.BOOL, 1, 4);
		assertThatThrownBy(() -> twoInputs.arrange(List.of(tensor("image", TensorDataType.FP64, 1, 4), mask)))
			.hasMessage("input 'image' must be FP32, not FP64");
		assertThatThrownBy(() -> twoInputs.arrange(List.of(tensor("image", TensorDataType.FP32, 1, 5), mask)))
			.hasMessage("input 'image' has shape [1, 5]; the model takes [-1, 4] (-1: any size)");
		assertThatThrownBy(() -> twoInputs
			.arrange(List.of(tensor("image", TensorDataType.FP32, 9, 4), tensor("mask", TensorDataType.BOOL, 9, 4))))
			.hasMessage("input 'image' has batch size 9; the model takes 1 to 8");
		assertThatThrownBy(() -> twoInputs.arrange(List.of(tensor("image", TensorDataType.FP32, 2, 4), mask)))
			.hasMessage("inputs disagree on the batch size: 2 and 1");
	}

	private static Tensor tensor(String name, TensorDataType type, long... shape) {
		long count = 1;
		for (long dim : shape) {
			count *= dim;
		}
		return Tensor.fromValues(name, type, shape, new double[(int) count]);
	}

}
