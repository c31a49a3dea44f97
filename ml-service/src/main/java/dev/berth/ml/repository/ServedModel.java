package dev.berth.ml.repository;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.berth.ml.inference.ModelSignature;

/**
 * A model folder of the repository and all its versions. Immutable: a change replaces it.
 *
 * @param name the folder name, which clients use in URLs
 * @param config the parsed config.yml; null when it could not be read
 * @param signature the inputs and outputs the config declares; null when the config is
 * broken
 * @param configError why the config could not be used, one line; null when it could
 * @param versions all version folders found, in ascending numeric order
 */
public record ServedModel(String name, ModelConfig config, ModelSignature signature, String configError,
		List<ModelVersion> versions) {

	public ServedModel {
		versions = versions.stream().sorted(Comparator.comparingLong(ModelVersion::number)).toList();
	}

	public Optional<ModelVersion> version(String version) {
		return versions.stream().filter(v -> v.version().equals(version)).findFirst();
	}

	/** The version served when a request names none: the highest ready one. */
	public Optional<ModelVersion> defaultVersion() {
		return versions.stream().filter(ModelVersion::isReady).reduce((lower, higher) -> higher);
	}

	/** Whether the model has versions and every one of them is ready. */
	boolean isFullyReady() {
		return !versions.isEmpty() && versions.stream().allMatch(ModelVersion::isReady);
	}

	public String platform() {
		return config != null && config.platform() != null ? config.platform() : "";
	}

	ServedModel withVersion(ModelVersion replacement) {
		List<ModelVersion> updated = new ArrayList<>(versions);
		updated.replaceAll(v -> v.version().equals(replacement.version()) ? replacement : v);
		return new ServedModel(name, config, signature, configError, updated);
	}

	/** This model with a version added, or replaced when it has one of that name. */
	ServedModel withVersionPut(ModelVersion version) {
		List<ModelVersion> updated = new ArrayList<>(versions);
		updated.removeIf(v -> v.version().equals(version.version()));
		updated.add(version);
		return new ServedModel(name, config, signature, configError, updated);
	}

	ServedModel withoutVersion(String version) {
		List<ModelVersion> updated = new ArrayList<>(versions);
		updated.removeIf(v -> v.version().equals(version));
		return new ServedModel(name, config, signature, configError, updated);
	}

	/** What keeps this model's versions from serving, for "not ready" answers. */
	String unavailableReason() {
		if (configError != null) {
			return configError;
		}
		if (versions.isEmpty()) {
			return "no version folder (e.g. 1/model.pt) found";
		}
		if (versions.stream().anyMatch(v -> v.state() == ModelState.LOADING)) {
			return "still loading";
		}
		return versions.stream()
			.filter(v -> !v.isReady())
			.map(v -> "version %s: %s".formatted(v.version(), v.reason()))
			.reduce((a, b) -> a + "; " + b)
			.orElse("");
	}
}
