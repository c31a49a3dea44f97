package dev.berth.ml.repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.berth.ml.batching.DynamicBatching;
import dev.berth.ml.inference.ModelLoadException;
import dev.berth.ml.inference.TensorSpec;
import dev.berth.ml.inference.TorchScriptModel;
import dev.berth.ml.inference.TorchScriptModelLoader;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Loads one version folder into a {@link ModelVersion}: its TorchScript module, warmed up
 * and behind its dynamic batcher, and its labels. Never throws: a version that cannot
 * load comes back FAILED with the reason, so that one broken model never stops the
 * others.
 */
@Component
class VersionLoader {

	private static final Logger log = LoggerFactory.getLogger(VersionLoader.class);

	private final RepositoryFolder folder;

	private final TorchScriptModelLoader loader;

	private final DynamicBatching batching;

	VersionLoader(RepositoryFolder folder, TorchScriptModelLoader loader, DynamicBatching batching) {
		this.folder = folder;
		this.loader = loader;
		this.batching = batching;
	}

	/**
	 * A version loaded, or failed, from files that stayed the same while it loaded.
	 *
	 * @param files the fingerprint of those files
	 */
	record LoadedVersion(ModelVersion version, String files) {
	}

	/**
	 * Loads a version as {@link #load} does, unless its files change meanwhile: they were
	 * being written, and may be again. Then nothing is left open and the answer is empty.
	 */
	Optional<LoadedVersion> loadIfStill(ServedModel model, String version) {
		VersionKey key = new VersionKey(model.name(), version);
		String before = folder.fingerprint(key);
		ModelVersion result = load(model, version);
		if (!before.equals(folder.fingerprint(key))) {
			log.info("Model '{}' version {} changed while it loaded; it will be loaded once its files are still",
					model.name(), version);
			result.retire();
			return Optional.empty();
		}
		return Optional.of(new LoadedVersion(result, before));
	}

	/**
	 * Loads a version: READY, or FAILED when the model's config or the files are broken.
	 */
	ModelVersion load(ServedModel model, String version) {
		if (model.configError() != null) {
			return ModelVersion.failed(version, model.configError());
		}
		VersionKey key = new VersionKey(model.name(), version);
		Path versionDir = folder.versionFolder(key);
		long started = System.nanoTime();
		try {
			TorchScriptModel loadedModel = loader.load(key.toString(), versionDir.resolve(RepositoryFolder.MODEL_FILE),
					model.signature(), model.config().scheduling(batching));
			List<String> labels;
			try {
				labels = readLabels(model, versionDir);
			}
			catch (IllegalArgumentException e) {
				loadedModel.close();
				throw e;
			}
			log.info("Loaded model '{}' version {} in {} ms", model.name(), version,
					(System.nanoTime() - started) / 1_000_000);
			return ModelVersion.ready(version, loadedModel, labels);
		}
		catch (ModelLoadException | IllegalArgumentException e) {
			log.warn("Model '{}' version {} failed to load: {}", model.name(), version, e.getMessage());
			log.debug("Load failure of {}", key, e);
			return ModelVersion.failed(version, e.getMessage());
		}
		catch (RuntimeException e) {
			// Whatever goes wrong with one model must not stop the others from loading.
			log.warn("Model '{}' version {} failed to load", model.name(), version, e);
			return ModelVersion.failed(version, "unexpected error: " + e);
		}
	}

	/**
	 * The labels file, checked against the first output's class dimension when that is
	 * fixed.
	 */
	private static List<String> readLabels(ServedModel model, Path versionDir) {
		String labelsFile = model.config().labels();
		if (labelsFile == null) {
			return List.of();
		}
		Path file = versionDir.resolve(labelsFile).normalize();
		if (!file.startsWith(versionDir)) {
			throw new IllegalArgumentException(
					"labels file '%s' lies outside the version folder".formatted(labelsFile));
		}
		List<String> labels;
		try (Stream<String> lines = Files.lines(file)) {
			labels = lines.map(String::strip).toList();
		}
		catch (IOException e) {
			throw new IllegalArgumentException("cannot read labels file %s: %s".formatted(file, e.getMessage()));
		}
		while (!labels.isEmpty() && labels.get(labels.size() - 1).isEmpty()) {
			labels = labels.subList(0, labels.size() - 1);
		}
		TensorSpec firstOutput = model.signature().outputs().get(0);
		long classes = firstOutput.shape().get(firstOutput.shape().size() - 1);
		if (classes > 0 && labels.size() != classes) {
			throw new IllegalArgumentException("labels file %s has %d labels, output '%s' has %d classes"
				.formatted(labelsFile, labels.size(), firstOutput.name(), classes));
		}
		return labels;
	}

}
