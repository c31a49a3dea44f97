/**
 * Running TorchScript models with DJL + PyTorch: engine start-up
 * ({@link dev.berth.ml.inference.PyTorchEngine}), typed tensors
 * ({@link dev.berth.ml.inference.Tensor}), a model's declared inputs and outputs
 * ({@link dev.berth.ml.inference.ModelSignature}), one loaded model version
 * ({@link dev.berth.ml.inference.TorchScriptModel}) and the seam through which requests
 * reach its predictors ({@link dev.berth.ml.inference.InferenceScheduler}; the dynamic
 * batcher plugs in there). Knows nothing about HTTP or the model repository's layout.
 */
package dev.berth.ml.inference;
