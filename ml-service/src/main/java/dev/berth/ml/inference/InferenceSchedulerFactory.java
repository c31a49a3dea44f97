package dev.berth.ml.inference;

import java.util.List;

/**
 * Makes the scheduler of a model version once its predictors exist and have been warmed
 * up.
 */
@FunctionalInterface
public interface InferenceSchedulerFactory {

	/**
	 * @param name the model version, e.g. {@code mnist/1}, for messages, logs and metrics
	 * @param signature what the model takes and returns; its max batch size says whether
	 * requests can be stacked along the first dimension
	 * @param predictors the predictors the scheduler may use, each by one thread at a
	 * time
	 */
	InferenceScheduler create(String name, ModelSignature signature, List<PredictorSlot> predictors);

}
