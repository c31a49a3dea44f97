package dev.berth.ml.repository;

import java.util.List;

import dev.berth.ml.inference.TorchScriptModel;

/**
 * One version of a model, as the repository currently sees it. Immutable: a state change replaces it.
 *
 * @param version the folder name, a positive integer
 * @param state loading, ready or failed
 * @param reason why it failed, one line; null otherwise
 * @param model the running model when ready; null otherwise
 * @param labels class names from the labels file, empty when the config names none
 */
public record ModelVersion(String version, ModelState state, String reason, TorchScriptModel model,
        List<String> labels) {

    static ModelVersion loading(String version) {
        return new ModelVersion(version, ModelState.LOADING, null, null, List.of());
    }

    static ModelVersion ready(String version, TorchScriptModel model, List<String> labels) {
        return new ModelVersion(version, ModelState.READY, null, model, List.copyOf(labels));
    }

    static ModelVersion failed(String version, String reason) {
        return new ModelVersion(version, ModelState.FAILED, reason, null, List.of());
    }

    public boolean isReady() {
        return state == ModelState.READY;
    }

    /** Numeric order, so that version 10 comes after version 9. */
    long number() {
        return Long.parseLong(version);
    }
}
