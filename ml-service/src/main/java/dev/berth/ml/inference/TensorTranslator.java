package dev.berth.ml.inference;

import java.util.Arrays;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

/**
 * Feeds prepared buffers to a TorchScript module and copies its results into
 * {@link Tensor}s. The NDArrays live in the predictor context's manager, which DJL closes
 * after each call, so native memory is released at once instead of waiting for the
 * garbage collector.
 */
final class TensorTranslator implements NoBatchifyTranslator<PreparedInputs, List<Tensor>> {

	private final ModelSignature signature;

	TensorTranslator(ModelSignature signature) {
		this.signature = signature;
	}

	@Override
	public NDList processInput(TranslatorContext ctx, PreparedInputs inputs) {
		NDManager manager = ctx.getNDManager();
		NDList list = new NDList(inputs.buffers().size());
		for (int i = 0; i < inputs.buffers().size(); i++) {
			TensorSpec spec = signature.inputs().get(i);
			NDArray array = manager.create(inputs.buffers().get(i), new Shape(inputs.shapes().get(i)),
					spec.datatype().djlType());
			array.setName(spec.name());
			list.add(array);
		}
		return list;
	}

	@Override
	public List<Tensor> processOutput(TranslatorContext ctx, NDList list) {
		List<TensorSpec> declared = signature.outputs();
		if (list.size() != declared.size()) {
			throw new InferenceFailedException("the model returned %d tensors, its config declares %d outputs"
				.formatted(list.size(), declared.size()));
		}
		Tensor[] tensors = new Tensor[declared.size()];
		for (int i = 0; i < tensors.length; i++) {
			TensorSpec spec = declared.get(i);
			NDArray array = list.get(i);
			TensorDataType actual = TensorDataType.fromDjl(array.getDataType()).orElse(null);
			if (actual != spec.datatype()) {
				throw new InferenceFailedException("output '%s' is %s, its config declares %s".formatted(spec.name(),
						array.getDataType(), spec.datatype()));
			}
			long[] shape = array.getShape().getShape();
			if (!spec.accepts(shape)) {
				throw new InferenceFailedException("output '%s' has shape %s, its config declares %s"
					.formatted(spec.name(), Arrays.toString(shape), spec.shape()));
			}
			// A view on the tensor's own memory; copied into Java before the context
			// closes.
			tensors[i] = Tensor.fromBuffer(spec.name(), spec.datatype(), shape, array.toByteBuffer(true));
		}
		return List.of(tensors);
	}

}
