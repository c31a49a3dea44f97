package dev.berth.ml.repository;

import java.util.List;

import dev.berth.ml.inference.TorchScriptModel;

/**
 * One version of a model, as the repository currently sees it. Immutable: a state change
 * replaces it.
 *
 * @param version the folder name, a positive integer
 * @param state loading, ready or failed
 * @param reason why it failed, one line; null otherwise
 * @param model the running model when ready; null otherwise
 * @param labels class names from the labels file, empty when the config names none
 * @param inFlight the requests running on the model when ready, which a hot reload lets
 * finish before it closes a replaced or removed version; null otherwise
 */
public record ModelVersion(String version, ModelState state, String reason, TorchScriptModel model, List<String> labels,
		InFlightRequests inFlight) {

	static ModelVersion loading(String version) {
		return new ModelVersion(version, ModelState.LOADING, null, null, List.of(), null);
	}

	static ModelVersion ready(String version, TorchScriptModel model, List<String> labels) {
		return new ModelVersion(version, ModelState.READY, null, model, List.copyOf(labels),
				new InFlightRequests(model::close));
	}

	static ModelVersion failed(String version, String reason) {
		return new ModelVersion(version, ModelState.FAILED, reason, null, List.of(), null);
	}

	public boolean isReady() {
		return state == ModelState.READY;
	}

	/**
	 * Takes no new requests and closes the model once the running ones are done; nothing
	 * to do unless ready.
	 */
	void retire() {
		if (inFlight != null) {
			inFlight.retire();
		}
	}

	/** Numeric order, so that version 10 comes after version 9. */
	long number() {
		return Long.parseLong(version);
	}
}
