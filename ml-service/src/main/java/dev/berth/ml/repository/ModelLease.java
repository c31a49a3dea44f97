package dev.berth.ml.repository;

import dev.berth.ml.inference.TorchScriptModel;

/**
 * A ready model version held for one request: while a lease is open, a hot reload may
 * replace or remove the version but does not close its model. Close it when the request
 * is done with the model (try-with-resources); closing twice is harmless.
 */
public final class ModelLease implements AutoCloseable {

	private final ModelVersion version;

	private boolean released;

	ModelLease(ModelVersion version) {
		this.version = version;
	}

	public ModelVersion version() {
		return version;
	}

	public TorchScriptModel model() {
		return version.model();
	}

	@Override
	public void close() {
		if (!released) {
			released = true;
			version.inFlight().exit();
		}
	}

}
