package dev.berth.ml.inference;

import java.util.ArrayList;
import java.util.List;

import ai.djl.Model;
import ai.djl.translate.TranslateException;

/**
 * One loaded, warmed-up TorchScript model version. Thread-safe: concurrent requests share a small
 * pool of predictors.
 */
public final class TorchScriptModel implements AutoCloseable {

    private final String name;
    private final Model model;
    private final ModelSignature signature;
    private final PredictorPool predictors;

    TorchScriptModel(String name, Model model, ModelSignature signature,
            PredictorPool predictors) {
        this.name = name;
        this.model = model;
        this.signature = signature;
        this.predictors = predictors;
    }

    public ModelSignature signature() {
        return signature;
    }

    /**
     * Runs the model.
     *
     * @param inputs one tensor per declared input, in any order
     * @return one tensor per declared output, in declaration order
     * @throws InvalidInputException when the inputs do not fit the signature
     * @throws ModelBusyException when no predictor becomes free in time
     * @throws InferenceFailedException when the model itself fails
     */
    public List<Tensor> infer(List<Tensor> inputs) {
        List<Tensor> ordered = signature.arrange(inputs);
        PredictorSlot slot = predictors.borrow(name);
        try {
            return slot.run(ordered);
        } catch (TranslateException e) {
            throw failure(e);
        } finally {
            predictors.giveBack(slot);
        }
    }

    /**
     * Runs every predictor on zeros of the declared shapes (batch size 1). This proves the config
     * matches the module and lets the TorchScript profiling executor optimise the graph before the
     * first real request pays for it.
     */
    void warmUp(int runs) {
        List<Tensor> zeros = new ArrayList<>();
        for (TensorSpec spec : signature.inputs()) {
            zeros.add(Tensor.zeros(spec.name(), spec.datatype(), spec.concreteShape(1)));
        }
        for (PredictorSlot slot : predictors.slots()) {
            for (int run = 0; run < runs; run++) {
                try {
                    slot.run(zeros);
                } catch (TranslateException e) {
                    throw failure(e);
                }
            }
        }
    }

    @Override
    public void close() {
        predictors.close();
        model.close();
    }

    private InferenceFailedException failure(TranslateException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        if (cause instanceof InferenceFailedException failed) {
            return failed;
        }
        return new InferenceFailedException("model '%s' failed: %s".formatted(name, EngineMessages.summary(cause)), e);
    }
}
