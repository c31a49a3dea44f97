package dev.berth.ml.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.berth.ml.repository.RepositoryChange.ModelAdded;
import dev.berth.ml.repository.RepositoryChange.ModelChanged;
import dev.berth.ml.repository.RepositoryChange.ModelRemoved;
import dev.berth.ml.repository.RepositoryChange.VersionAdded;
import dev.berth.ml.repository.RepositoryChange.VersionChanged;
import dev.berth.ml.repository.RepositoryChange.VersionRemoved;
import dev.berth.ml.repository.VersionLoader.LoadedVersion;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Changes what is served, one change at a time: loads every version at startup, then
 * carries out hot reload's changes and the management API's load and unload. New files
 * load and warm up beside the served ones and are swapped in once ready; what they
 * replace, or what is removed, is retired: it takes no new request and closes once the
 * running ones are done ({@link InFlightRequests}). Files that fail to load never replace
 * a version that serves.
 */
@Component
public class ModelLifecycle implements ApplicationRunner, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ModelLifecycle.class);

	private final ModelRegistry registry;

	private final RepositoryFolder folder;

	private final VersionLoader loader;

	private final ReloadPlanner planner;

	// Changes happen one at a time, under this lock; lookups in the registry never take
	// it.
	private final ReentrantLock changes = new ReentrantLock();

	ModelLifecycle(ModelRegistry registry, RepositoryFolder folder, VersionLoader loader, ReloadPlanner planner) {
		this.registry = registry;
		this.folder = folder;
		this.loader = loader;
		this.planner = planner;
	}

	/**
	 * Loads the models once the web server is up: liveness answers during the load, and
	 * Spring switches readiness to accepting traffic only after this runner returns.
	 */
	@Override
	public void run(ApplicationArguments args) {
		loadAll();
	}

	/**
	 * Reads the repository and loads every version; a failure is recorded on its version
	 * and logged.
	 */
	public void loadAll() {
		locked(() -> {
			long started = System.nanoTime();
			List<ServedModel> found = folder.readAll();
			found.forEach(registry::put);
			// Taken before loading: files that change during the load are loaded again by
			// hot reload.
			found.forEach(this::rememberFiles);
			for (ServedModel model : found) {
				for (ModelVersion version : model.versions()) {
					if (version.state() == ModelState.LOADING) {
						ModelVersion result = loader.load(model, version.version());
						registry.put(registry.model(model.name()).withVersion(result));
					}
				}
			}
			registry.markLoaded();
			logLoaded(System.nanoTime() - started);
		});
	}

	/**
	 * Carries out a change found by {@link ReloadPlanner#pendingChanges()}, if the disk
	 * still looks the same.
	 * @return false when the disk has changed since (the next scan sees the newer state)
	 */
	public boolean apply(RepositoryChange change) {
		return locked(() -> {
			if (!planner.pendingChanges().contains(change)) {
				return false;
			}
			switch (change) {
				case ModelAdded added -> addModel(added.key().model());
				case ModelChanged changed -> replaceModel(registry.model(changed.key().model()), changed.files());
				case ModelRemoved removed -> removeModel(removed.key().model(), "its folder was removed");
				case VersionAdded added -> addVersion(added.key());
				case VersionChanged changed -> replaceVersion(changed.key(), changed.files());
				case VersionRemoved removed -> removeVersion(removed.key());
			}
			return true;
		});
	}

	/**
	 * Loads a model folder now, as the management API asks: a model not served yet is
	 * added, a served one is loaded again from its current files (config and every
	 * version) and swapped in, unless a version that serves now would fail. Lifts an
	 * earlier {@link #unloadModel}.
	 * @throws ModelNotFoundException when the repository has no such model folder
	 */
	public void loadModel(String name) {
		locked(() -> {
			if (!folder.modelNames().contains(name)) {
				throw new ModelNotFoundException("no model folder '%s' in the model repository".formatted(name));
			}
			planner.clearUnloaded(name);
			registry.find(name)
				.ifPresentOrElse(served -> replaceModel(served, folder.modelFingerprint(name)), () -> addModel(name));
		});
	}

	/**
	 * Stops serving a model, as the management API asks; it stays listed in the index and
	 * hot reload leaves it alone until {@link #loadModel} is called. Requests running on
	 * it finish first.
	 * @throws ModelNotFoundException when the model is neither served nor in the
	 * repository folder
	 */
	public void unloadModel(String name) {
		locked(() -> {
			if (registry.find(name).isPresent()) {
				removeModel(name, "unloaded through the management API");
			}
			else if (!folder.modelNames().contains(name)) {
				throw new ModelNotFoundException("unknown model '%s'".formatted(name));
			}
			planner.markUnloaded(name);
		});
	}

	/**
	 * Retires every model: each closes now, or when the last request running on it ends.
	 */
	@Override
	public void destroy() {
		locked(() -> registry.removeAll().forEach(model -> model.versions().forEach(ModelVersion::retire)));
	}

	private void addModel(String name) {
		ServedModel model = folder.read(name);
		// Listed at once, its versions loading; the default version of other models is
		// unaffected.
		registry.put(model);
		planner.loaded(new ModelKey(name), folder.configFingerprint(name));
		for (ModelVersion version : model.versions()) {
			Optional<LoadedVersion> result = loader.loadIfStill(model, version.version());
			ServedModel current = registry.model(name);
			result.ifPresentOrElse(loaded -> {
				registry.put(current.withVersionPut(loaded.version()));
				planner.loaded(new VersionKey(name, version.version()), loaded.files());
			}, () -> registry.put(current.withoutVersion(version.version())));
		}
		log.info("Model '{}' added: {}", name, describeVersions(registry.model(name)));
	}

	/**
	 * Loads config and versions afresh and swaps the whole model, unless a serving
	 * version would fail.
	 */
	private void replaceModel(ServedModel current, String files) {
		String name = current.name();
		String config = folder.configFingerprint(name);
		ServedModel described = folder.read(name);
		ServedModel fresh = described;
		List<LoadedVersion> loaded = new ArrayList<>();
		for (ModelVersion version : described.versions()) {
			Optional<LoadedVersion> result = loader.loadIfStill(fresh, version.version());
			if (result.isEmpty()) {
				fresh.versions().forEach(ModelVersion::retire);
				return;
			}
			fresh = fresh.withVersionPut(result.get().version());
			loaded.add(result.get());
		}
		List<String> lost = new ArrayList<>();
		for (ModelVersion serving : current.versions()) {
			Optional<ModelVersion> successor = fresh.version(serving.version());
			if (serving.isReady() && successor.isPresent() && !successor.get().isReady()) {
				lost.add("version %s: %s".formatted(serving.version(), successor.get().reason()));
			}
		}
		if (!lost.isEmpty()) {
			fresh.versions().forEach(ModelVersion::retire);
			String why = fresh.configError() != null ? fresh.configError() : String.join("; ", lost);
			refuse(new ModelKey(name), files,
					"new config or files not taken (%s); still serving the previous ones".formatted(why));
			return;
		}
		registry.put(fresh);
		current.versions().forEach(ModelVersion::retire);
		planner.forget(new ModelKey(name));
		planner.loaded(new ModelKey(name), config);
		loaded.forEach(version -> planner.loaded(new VersionKey(name, version.version().version()), version.files()));
		log.info("Model '{}' reloaded: {}", name, describeVersions(fresh));
	}

	private void removeModel(String name, String why) {
		Optional<ServedModel> removed = registry.remove(name);
		planner.forget(new ModelKey(name));
		removed.ifPresent(model -> {
			model.versions().forEach(ModelVersion::retire);
			log.info("Model '{}' no longer served: {}", name, why);
		});
	}

	private void addVersion(VersionKey key) {
		ServedModel served = registry.model(key.model());
		registry.put(served.withVersionPut(ModelVersion.loading(key.version())));
		Optional<LoadedVersion> result = loader.loadIfStill(served, key.version());
		ServedModel current = registry.model(key.model());
		if (result.isEmpty()) {
			registry.put(current.withoutVersion(key.version()));
			return;
		}
		registry.put(current.withVersionPut(result.get().version()));
		planner.loaded(key, result.get().files());
		log.info("Model '{}' version {} added: {}", key.model(), key.version(), describe(result.get().version()));
	}

	/**
	 * Loads the version's new files beside the old ones and swaps them in, unless they
	 * fail where the old serve.
	 */
	private void replaceVersion(VersionKey key, String files) {
		ServedModel served = registry.model(key.model());
		ModelVersion old = registry.version(served, key.version());
		Optional<LoadedVersion> result = loader.loadIfStill(served, key.version());
		if (result.isEmpty()) {
			return;
		}
		ModelVersion fresh = result.get().version();
		if (!fresh.isReady() && old.isReady()) {
			refuse(key, files, "new files not taken (%s); still serving the previous ones".formatted(fresh.reason()));
			return;
		}
		registry.put(registry.model(key.model()).withVersionPut(fresh));
		old.retire();
		planner.loaded(key, result.get().files());
		log.info("Model '{}' version {} reloaded from new files: {}", key.model(), key.version(), describe(fresh));
	}

	private void removeVersion(VersionKey key) {
		ServedModel served = registry.model(key.model());
		ModelVersion old = registry.version(served, key.version());
		registry.put(served.withoutVersion(key.version()));
		old.retire();
		planner.forget(key);
		log.info("Model '{}' version {} no longer served: its folder was removed", key.model(), key.version());
	}

	private void refuse(RepositoryKey key, String files, String why) {
		planner.refused(key, files, why);
		log.warn("Model {}: {}", key, why);
	}

	private void rememberFiles(ServedModel model) {
		planner.loaded(new ModelKey(model.name()), folder.configFingerprint(model.name()));
		for (ModelVersion version : model.versions()) {
			VersionKey key = new VersionKey(model.name(), version.version());
			planner.loaded(key, folder.fingerprint(key));
		}
	}

	private void logLoaded(long nanos) {
		List<ServedModel> models = registry.models();
		long ready = models.stream().flatMap(m -> m.versions().stream()).filter(ModelVersion::isReady).count();
		long failed = models.stream()
			.flatMap(m -> m.versions().stream())
			.filter(v -> v.state() == ModelState.FAILED)
			.count() + models.stream().filter(m -> m.versions().isEmpty()).count();
		log.info("Model repository {}: {} model(s), {} version(s) ready, {} failed, in {} ms; server {}", folder.root(),
				models.size(), ready, failed, nanos / 1_000_000, registry.isReady() ? "ready" : "NOT ready");
	}

	private void locked(Runnable change) {
		locked(() -> {
			change.run();
			return null;
		});
	}

	private <T> T locked(Supplier<T> change) {
		changes.lock();
		try {
			return change.get();
		}
		finally {
			changes.unlock();
		}
	}

	private static String describeVersions(ServedModel model) {
		if (model.versions().isEmpty()) {
			return model.unavailableReason();
		}
		return model.versions()
			.stream()
			.map(v -> "version " + v.version() + " " + describe(v))
			.collect(Collectors.joining(", "));
	}

	private static String describe(ModelVersion version) {
		return version.reason() == null ? version.state().name() : version.state() + " (" + version.reason() + ")";
	}

}
