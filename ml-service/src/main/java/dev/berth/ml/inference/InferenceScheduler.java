package dev.berth.ml.inference;

import java.util.List;

/**
 * How requests reach one model version's predictors. {@link TorchScriptModel} checks
 * every request and hands it to its scheduler: {@link PredictorPool} lends a predictor
 * per request, the dynamic batcher ({@code dev.berth.ml.batching}) runs concurrent
 * requests as one forward pass.
 */
public interface InferenceScheduler {

	/**
	 * Runs one request.
	 * @param orderedInputs one tensor per declared input, in declaration order, as
	 * {@link ModelSignature#arrange} returns them
	 * @return one tensor per declared output, in declaration order, holding this
	 * request's rows only
	 * @throws ModelBusyException when the request cannot be run in time, or the scheduler
	 * is closing
	 * @throws InferenceFailedException when the model itself fails
	 */
	List<Tensor> infer(List<Tensor> orderedInputs);

	/**
	 * Stops taking requests, finishes those already accepted and waits until no forward
	 * pass runs, so that the predictors can be closed safely afterwards. Called once, by
	 * the model's close.
	 */
	void close();

}
