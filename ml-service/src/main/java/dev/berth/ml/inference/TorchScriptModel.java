package dev.berth.ml.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import ai.djl.Model;

/**
 * One loaded, warmed-up TorchScript model version. Thread-safe: concurrent requests reach
 * its predictors through a scheduler (the dynamic batcher, in the server).
 */
public final class TorchScriptModel implements AutoCloseable {

	private final String name;

	private final Model model;

	private final ModelSignature signature;

	private final List<PredictorSlot> predictors;

	private final AtomicBoolean closed = new AtomicBoolean();

	private volatile InferenceScheduler scheduler;

	TorchScriptModel(String name, Model model, ModelSignature signature, List<PredictorSlot> predictors) {
		this.name = name;
		this.model = model;
		this.signature = signature;
		this.predictors = List.copyOf(predictors);
	}

	public ModelSignature signature() {
		return signature;
	}

	/**
	 * Runs the model.
	 * @param inputs one tensor per declared input, in any order
	 * @return one tensor per declared output, in declaration order
	 * @throws InvalidInputException when the inputs do not fit the signature
	 * @throws ModelBusyException when the model cannot take the request now (queue full,
	 * closing)
	 * @throws InferenceFailedException when the model itself fails
	 */
	public List<Tensor> infer(List<Tensor> inputs) {
		List<Tensor> ordered = signature.arrange(inputs);
		return scheduler.infer(ordered);
	}

	/**
	 * Runs every predictor on zeros of the declared shapes (batch size 1). This proves
	 * the config matches the module and lets libtorch allocate and (when on) optimise the
	 * graph before the first real request pays for it. Runs before the scheduler exists,
	 * so nothing else uses the predictors.
	 */
	void warmUp(int runs) {
		List<Tensor> zeros = new ArrayList<>();
		for (TensorSpec spec : signature.inputs()) {
			zeros.add(Tensor.zeros(spec.name(), spec.datatype(), spec.concreteShape(1)));
		}
		for (PredictorSlot slot : predictors) {
			for (int run = 0; run < runs; run++) {
				slot.runOne(zeros);
			}
		}
	}

	void startScheduler(InferenceSchedulerFactory factory) {
		scheduler = factory.create(name, signature, predictors);
	}

	/**
	 * Finishes the requests the scheduler has accepted, then frees the predictors and the
	 * model; idempotent.
	 */
	@Override
	public void close() {
		if (!closed.compareAndSet(false, true)) {
			return;
		}
		if (scheduler != null) {
			scheduler.close();
		}
		predictors.forEach(PredictorSlot::close);
		model.close();
	}

}
