package dev.berth.ml.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import dev.berth.ml.repository.RepositoryChange.ModelAdded;
import dev.berth.ml.repository.RepositoryChange.ModelChanged;
import dev.berth.ml.repository.RepositoryChange.ModelRemoved;
import dev.berth.ml.repository.RepositoryChange.VersionAdded;
import dev.berth.ml.repository.RepositoryChange.VersionChanged;
import dev.berth.ml.repository.RepositoryChange.VersionRemoved;

import org.springframework.stereotype.Component;

/**
 * Works out what hot reload has to change: compares the repository folder with what is
 * loaded ({@link #pendingChanges()}). For that it remembers, as {@link ModelLifecycle}
 * reports them, the files behind what serves, newer files that failed to load while the
 * older ones kept serving (not tried again until they change), and the models unloaded
 * through the management API (left alone until loaded again).
 */
@Component
public class ReloadPlanner {

	private final RepositoryFolder folder;

	private final ModelRegistry registry;

	// Fingerprints of the files behind what is served: config.yml for a model, the folder
	// for a version.
	private final Map<RepositoryKey, String> loadedFiles = new ConcurrentHashMap<>();

	private final Map<RepositoryKey, Refusal> refusals = new ConcurrentHashMap<>();

	private final Set<String> unloaded = ConcurrentHashMap.newKeySet();

	ReloadPlanner(RepositoryFolder folder, ModelRegistry registry) {
		this.folder = folder;
		this.registry = registry;
	}

	/** Newer files that were not taken, and why. */
	private record Refusal(String files, String why) {
	}

	/**
	 * How the repository on disk differs from what is loaded. Leaves out models unloaded
	 * through the management API, and files that failed to load while older ones kept
	 * serving, until they change.
	 */
	public List<RepositoryChange> pendingChanges() {
		SortedSet<String> onDisk = folder.modelNames();
		unloaded.retainAll(onDisk);
		List<RepositoryChange> pending = new ArrayList<>();
		for (String name : onDisk) {
			if (!unloaded.contains(name)) {
				pending.addAll(changesOf(name));
			}
		}
		for (ServedModel served : registry.models()) {
			if (!onDisk.contains(served.name())) {
				pending.add(new ModelRemoved(new ModelKey(served.name())));
			}
		}
		return pending;
	}

	private List<RepositoryChange> changesOf(String name) {
		ModelKey model = new ModelKey(name);
		Optional<ServedModel> found = registry.find(name);
		if (found.isEmpty() || !folder.configFingerprint(name).equals(loadedFiles.get(model))) {
			String files = folder.modelFingerprint(name);
			if (isRefused(model, files)) {
				return List.of();
			}
			return List.of(found.isEmpty() ? new ModelAdded(model, files) : new ModelChanged(model, files));
		}
		ServedModel served = found.get();
		List<RepositoryChange> pending = new ArrayList<>();
		SortedSet<String> onDisk = folder.versionNames(name);
		for (String version : onDisk) {
			VersionKey key = new VersionKey(name, version);
			String files = folder.fingerprint(key);
			if (served.version(version).isEmpty()) {
				pending.add(new VersionAdded(key, files));
			}
			else if (!files.equals(loadedFiles.get(key)) && !isRefused(key, files)) {
				pending.add(new VersionChanged(key, files));
			}
		}
		for (ModelVersion version : served.versions()) {
			if (!onDisk.contains(version.version())) {
				pending.add(new VersionRemoved(new VersionKey(name, version.version())));
			}
		}
		return pending;
	}

	/**
	 * Why newer files of this model or version were not taken, while the old ones serve.
	 */
	public Optional<String> refusal(RepositoryKey key) {
		return Optional.ofNullable(refusals.get(key)).map(Refusal::why);
	}

	/** Models unloaded through the management API and not loaded since. */
	Set<String> unloadedModels() {
		return Set.copyOf(unloaded);
	}

	// What ModelLifecycle reports, under its lock.

	/**
	 * These files now serve; any earlier refusal of the same model or version is over.
	 */
	void loaded(RepositoryKey key, String files) {
		loadedFiles.put(key, files);
		refusals.remove(key);
	}

	/**
	 * These files failed to load while older ones keep serving; not tried again as they
	 * are.
	 */
	void refused(RepositoryKey key, String files, String why) {
		refusals.put(key, new Refusal(files, why));
	}

	/**
	 * Drops what is remembered about a version, or about a model and all its versions.
	 */
	void forget(RepositoryKey key) {
		Predicate<RepositoryKey> forgotten = switch (key) {
			case ModelKey model -> remembered -> remembered.model().equals(model.model());
			case VersionKey version -> version::equals;
		};
		loadedFiles.keySet().removeIf(forgotten);
		refusals.keySet().removeIf(forgotten);
	}

	void markUnloaded(String model) {
		unloaded.add(model);
	}

	void clearUnloaded(String model) {
		unloaded.remove(model);
	}

	private boolean isRefused(RepositoryKey key, String files) {
		Refusal refusal = refusals.get(key);
		return refusal != null && refusal.files().equals(files);
	}

}
