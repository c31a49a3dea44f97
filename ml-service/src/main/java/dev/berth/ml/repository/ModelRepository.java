package dev.berth.ml.repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.berth.ml.batching.DynamicBatching;
import dev.berth.ml.inference.ModelLoadException;
import dev.berth.ml.inference.ModelSignature;
import dev.berth.ml.inference.TensorSpec;
import dev.berth.ml.inference.TorchScriptModel;
import dev.berth.ml.inference.TorchScriptModelLoader;
import dev.berth.ml.repository.RepositoryChange.Kind;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The models this server knows, with the state of every version. Everything is loaded at
 * startup ({@link #loadAll()}); later, hot reload ({@link #pendingChanges()},
 * {@link #apply}) and the management API ({@link #loadModel}, {@link #unloadModel}) load,
 * swap and retire single versions. Lookups are lock-free and safe from any thread at any
 * time; changes are made one at a time.
 */
@Component
public class ModelRepository implements DisposableBean {

	static final String CONFIG_FILE = "config.yml";
	static final String MODEL_FILE = "model.pt";

	// Model names appear in URLs; versions are positive integers as in Triton and KServe.
	private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

	private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,17}");

	private static final Logger log = LoggerFactory.getLogger(ModelRepository.class);

	private final ModelRepositoryProperties properties;

	private final TorchScriptModelLoader loader;

	private final DynamicBatching batching;

	private final ModelConfigReader configReader = new ModelConfigReader();

	private final Map<String, ServedModel> models = new ConcurrentSkipListMap<>();

	private volatile boolean loaded;

	// Changes to the served models happen one at a time, under this lock; lookups never
	// take it.
	private final ReentrantLock changes = new ReentrantLock();

	// Fingerprints of the files behind what is served: "model" for config.yml,
	// "model/version" for a folder.
	private final Map<String, String> loadedFiles = new ConcurrentHashMap<>();

	// Files that failed to load while older ones kept serving, by the same keys: not
	// retried until they change.
	private final Map<String, String> rejected = new ConcurrentHashMap<>();

	// Why those files were not taken, by the same keys, for the index and health.
	private final Map<String, String> problems = new ConcurrentSkipListMap<>();

	// Models unloaded through the management API: hot reload leaves them alone until
	// loaded again.
	private final Set<String> unloaded = ConcurrentHashMap.newKeySet();

	public ModelRepository(ModelRepositoryProperties properties, TorchScriptModelLoader loader,
			DynamicBatching batching) {
		this.properties = properties;
		this.loader = loader;
		this.batching = batching;
	}

	/**
	 * Scans the repository and loads every version; a failure is recorded on its version
	 * and logged.
	 */
	public void loadAll() {
		changes.lock();
		try {
			loadAllLocked();
		}
		finally {
			changes.unlock();
		}
	}

	private void loadAllLocked() {
		Path root = properties.modelRepository().toAbsolutePath().normalize();
		long started = System.nanoTime();
		List<ServedModel> found = scan(root);
		found.forEach(model -> models.put(model.name(), model));
		// Taken before loading: files that change during the load are loaded again by hot
		// reload.
		found.forEach(model -> rememberFiles(root.resolve(model.name()), model));
		for (ServedModel model : found) {
			for (ModelVersion version : model.versions()) {
				if (version.state() == ModelState.LOADING) {
					ModelVersion result = load(root, model, version.version());
					models.computeIfPresent(model.name(), (name, current) -> current.withVersion(result));
				}
			}
		}
		loaded = true;
		long ready = models.values().stream().flatMap(m -> m.versions().stream()).filter(ModelVersion::isReady).count();
		long failed = models.values()
			.stream()
			.flatMap(m -> m.versions().stream())
			.filter(v -> v.state() == ModelState.FAILED)
			.count() + models.values().stream().filter(m -> m.versions().isEmpty()).count();
		log.info("Model repository {}: {} model(s), {} version(s) ready, {} failed, in {} ms; server {}", root,
				models.size(), ready, failed, (System.nanoTime() - started) / 1_000_000,
				isReady() ? "ready" : "NOT ready");
	}

	/** Every model, by name. */
	public List<ServedModel> models() {
		return List.copyOf(models.values());
	}

	/**
	 * @throws ModelNotFoundException when there is no such model
	 */
	public ServedModel model(String name) {
		ServedModel model = models.get(name);
		if (model == null) {
			throw new ModelNotFoundException("unknown model '%s'".formatted(name));
		}
		return model;
	}

	/**
	 * The version a request names, or the default one when it names none.
	 * @throws ModelNotFoundException when there is no such model or version
	 * @throws ModelNotReadyException when the version cannot serve now
	 */
	public ModelVersion readyVersion(String name, String version) {
		ServedModel model = model(name);
		if (version == null) {
			return model.defaultVersion()
				.orElseThrow(() -> new ModelNotReadyException(
						"model '%s' is not ready: %s".formatted(name, model.unavailableReason())));
		}
		ModelVersion found = version(model, version);
		return switch (found.state()) {
			case READY -> found;
			case LOADING ->
				throw new ModelNotReadyException("model '%s' version '%s' is still loading".formatted(name, version));
			case FAILED -> throw new ModelNotReadyException(
					"model '%s' version '%s' is not ready: %s".formatted(name, version, found.reason()));
		};
	}

	/**
	 * Holds the version a request names (or the default one) for the request's duration:
	 * a hot reload may replace or remove it meanwhile, but closes its model only after
	 * the lease is closed.
	 * @throws ModelNotFoundException when there is no such model or version
	 * @throws ModelNotReadyException when the version cannot serve now
	 */
	public ModelLease acquire(String name, String version) {
		for (int attempt = 0;; attempt++) {
			ModelVersion found = readyVersion(name, version);
			if (found.inFlight().enter()) {
				return new ModelLease(found);
			}
			// Retired between the lookup and now: the map already holds its successor, or
			// none.
			if (attempt == 1000) {
				throw new ModelNotReadyException("model '%s' is being reloaded; retry".formatted(name));
			}
			Thread.onSpinWait();
		}
	}

	/**
	 * @throws ModelNotFoundException when the model has no such version
	 */
	public ModelVersion version(ServedModel model, String version) {
		return model.version(version)
			.orElseThrow(() -> new ModelNotFoundException(
					"model '%s' has no version '%s'".formatted(model.name(), version)));
	}

	/** Whether the startup load has finished, whatever its outcome. */
	public boolean isLoaded() {
		return loaded;
	}

	/**
	 * Whether the server can take traffic: the load has finished and at least one version
	 * is ready; with {@code berth.ml.require-all-models}, every model needs every version
	 * ready.
	 */
	public boolean isReady() {
		if (!loaded || models.isEmpty()) {
			return false;
		}
		if (properties.requireAllModels()) {
			return models.values()
				.stream()
				.allMatch(m -> !m.versions().isEmpty() && m.versions().stream().allMatch(ModelVersion::isReady));
		}
		return models.values().stream().anyMatch(m -> m.defaultVersion().isPresent());
	}

	/** Why the server is not ready, for operators; empty when it is ready. */
	public Optional<String> unreadyReason() {
		if (isReady()) {
			return Optional.empty();
		}
		if (!loaded) {
			return Optional.of("models are still loading");
		}
		if (models.isEmpty()) {
			return Optional.of("no model found in " + properties.modelRepository());
		}
		String failures = models.values()
			.stream()
			.filter(m -> m.versions().isEmpty() || !m.versions().stream().allMatch(ModelVersion::isReady))
			.map(m -> m.name() + ": " + m.unavailableReason())
			.collect(Collectors.joining("; "));
		return Optional.of((properties.requireAllModels() ? "not every model is ready (berth.ml.require-all-models): "
				: "no model is ready: ") + failures);
	}

	@Override
	public void destroy() {
		changes.lock();
		try {
			List<ServedModel> served = List.copyOf(models.values());
			models.clear();
			// Closes each model now, or when a request still running on it ends.
			served.forEach(model -> model.versions().forEach(ModelVersion::retire));
		}
		finally {
			changes.unlock();
		}
	}

	private List<ServedModel> scan(Path root) {
		if (!Files.isDirectory(root)) {
			log.error("Model repository {} is not a folder: no model will be served", root);
			return List.of();
		}
		List<ServedModel> found = new ArrayList<>();
		for (Path dir : subfolders(root)) {
			String name = dir.getFileName().toString();
			if (name.startsWith(".")) {
				continue;
			}
			if (!MODEL_NAME.matcher(name).matches()) {
				log.warn("Skipping {}: a model name has letters, digits, '_', '.', '-' only", dir);
				continue;
			}
			found.add(describe(dir));
		}
		return found;
	}

	/** Reads a model folder's config and lists its versions, all still to be loaded. */
	private ServedModel describe(Path dir) {
		String name = dir.getFileName().toString();
		ModelConfig config = null;
		ModelSignature signature = null;
		String configError = null;
		try {
			Path configFile = dir.resolve(CONFIG_FILE);
			if (!Files.isRegularFile(configFile)) {
				throw new IllegalArgumentException(CONFIG_FILE + " not found");
			}
			config = configReader.read(configFile);
			signature = config.toSignature();
		}
		catch (IllegalArgumentException e) {
			configError = e.getMessage().startsWith(CONFIG_FILE) ? e.getMessage() : CONFIG_FILE + ": " + e.getMessage();
			log.warn("Model '{}' cannot be served: {}", name, configError);
		}
		List<ModelVersion> versions = new ArrayList<>();
		for (Path versionDir : subfolders(dir)) {
			String version = versionDir.getFileName().toString();
			if (VERSION.matcher(version).matches()) {
				versions.add(configError == null ? ModelVersion.loading(version)
						: ModelVersion.failed(version, configError));
			}
		}
		if (versions.isEmpty()) {
			log.warn("Model '{}' has no version folder (e.g. {}/1/{})", name, dir, MODEL_FILE);
		}
		return new ServedModel(name, config, signature, configError, versions);
	}

	private ModelVersion load(Path root, ServedModel model, String version) {
		Path versionDir = root.resolve(model.name()).resolve(version);
		String id = model.name() + "/" + version;
		long started = System.nanoTime();
		try {
			TorchScriptModel loadedModel = loader.load(id, versionDir.resolve(MODEL_FILE), model.signature(),
					model.config().scheduling(batching));
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
			log.debug("Load failure of {}", id, e);
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

	private static List<Path> subfolders(Path dir) {
		try (Stream<Path> entries = Files.list(dir)) {
			return entries.filter(Files::isDirectory).sorted().toList();
		}
		catch (IOException e) {
			log.warn("Cannot list {}: {}", dir, e.getMessage());
			return List.of();
		}
	}

	// ---- Hot reload and the management API: what differs from disk, and changing what
	// is served ----

	/** The repository folder, absolute. */
	public Path root() {
		return properties.modelRepository().toAbsolutePath().normalize();
	}

	/**
	 * The folders whose entries make up the repository: the root, every model and every
	 * version folder.
	 */
	public List<Path> folders() {
		List<Path> folders = new ArrayList<>();
		Path root = root();
		if (Files.isDirectory(root)) {
			folders.add(root);
			for (Path model : modelFolders(root).values()) {
				folders.add(model);
				folders.addAll(versionFolders(model).values());
			}
		}
		return folders;
	}

	/**
	 * How the repository on disk differs from what is loaded. Leaves out models unloaded
	 * through the management API, and files that failed to load while older ones kept
	 * serving, until they change.
	 */
	public List<RepositoryChange> pendingChanges() {
		Path root = root();
		Map<String, Path> onDisk = modelFolders(root);
		unloaded.retainAll(onDisk.keySet());
		List<RepositoryChange> pending = new ArrayList<>();
		onDisk.forEach((name, dir) -> {
			if (!unloaded.contains(name)) {
				pending.addAll(pendingChanges(name, dir));
			}
		});
		for (String name : models.keySet()) {
			if (!onDisk.containsKey(name)) {
				pending.add(new RepositoryChange(Kind.MODEL_REMOVED, name, null, Fingerprints.ABSENT));
			}
		}
		return pending;
	}

	/**
	 * Carries out a change found by {@link #pendingChanges()}, if the disk still looks
	 * the same. New files load beside the served ones, which keep serving until the new
	 * model is warmed up and swapped in; a replaced or removed version is closed once its
	 * running requests are done. Files that fail to load never replace a version that
	 * serves: they are reported instead.
	 * @return false when the disk has changed since (the next scan will see the newer
	 * state)
	 */
	public boolean apply(RepositoryChange change) {
		changes.lock();
		try {
			if (!pendingChanges().contains(change)) {
				return false;
			}
			Path root = root();
			ServedModel served = models.get(change.model());
			switch (change.kind()) {
				case MODEL_ADDED -> addModel(root, change.model());
				case MODEL_CHANGED -> replaceModel(root, served, change.fingerprint());
				case MODEL_REMOVED -> removeModel(change.model(), "its folder was removed");
				case VERSION_ADDED -> addVersion(root, served, change.version());
				case VERSION_CHANGED -> replaceVersion(root, served, change.version(), change.fingerprint());
				case VERSION_REMOVED -> removeVersion(served, change.version());
			}
			return true;
		}
		finally {
			changes.unlock();
		}
	}

	/**
	 * Loads a model folder now, as the management API asks: a model not served yet is
	 * added, a served one is loaded again from its current files (config and every
	 * version) and swapped in, unless a version that serves now would fail. Lifts an
	 * earlier {@link #unloadModel}.
	 * @return the model's lines of the index after the load
	 * @throws ModelNotFoundException when the repository has no such model folder
	 */
	public List<RepositoryIndexEntry> loadModel(String name) {
		changes.lock();
		try {
			Path root = root();
			Path dir = modelFolders(root).get(name);
			if (dir == null) {
				throw new ModelNotFoundException("no model folder '%s' in the model repository".formatted(name));
			}
			unloaded.remove(name);
			ServedModel served = models.get(name);
			if (served == null) {
				addModel(root, name);
			}
			else {
				replaceModel(root, served, modelFingerprint(dir));
			}
			return index().stream().filter(entry -> entry.name().equals(name)).toList();
		}
		finally {
			changes.unlock();
		}
	}

	/**
	 * Stops serving a model, as the management API asks; it stays listed in the index and
	 * hot reload leaves it alone until {@link #loadModel} is called. Requests running on
	 * it finish first.
	 * @throws ModelNotFoundException when the model is neither served nor in the
	 * repository folder
	 */
	public void unloadModel(String name) {
		changes.lock();
		try {
			if (models.containsKey(name)) {
				removeModel(name, "unloaded through the management API");
			}
			else if (!modelFolders(root()).containsKey(name)) {
				throw new ModelNotFoundException("unknown model '%s'".formatted(name));
			}
			unloaded.add(name);
		}
		finally {
			changes.unlock();
		}
	}

	/**
	 * Every model and version with its state, including unloaded models, by name and
	 * version.
	 */
	public List<RepositoryIndexEntry> index() {
		List<RepositoryIndexEntry> entries = new ArrayList<>();
		Set<String> names = new TreeSet<>(models.keySet());
		names.addAll(unloaded);
		for (String name : names) {
			ServedModel model = models.get(name);
			if (model == null) {
				entries.add(new RepositoryIndexEntry(name, null, null, "unloaded"));
				continue;
			}
			if (model.versions().isEmpty()) {
				entries.add(new RepositoryIndexEntry(name, null, ModelState.FAILED, model.unavailableReason()));
			}
			for (ModelVersion version : model.versions()) {
				String reason = version.reason() != null ? version.reason()
						: problems.getOrDefault(name + "/" + version.version(), problems.get(name));
				entries.add(new RepositoryIndexEntry(name, version.version(), version.state(), reason));
			}
		}
		return entries;
	}

	/**
	 * Newer files that failed to load while older ones keep serving, by {@code model}
	 * (config.yml) or {@code model/version}, with the reason.
	 */
	public Map<String, String> reloadProblems() {
		return Map.copyOf(problems);
	}

	private List<RepositoryChange> pendingChanges(String name, Path dir) {
		ServedModel served = models.get(name);
		if (served == null || !Fingerprints.ofFile(dir.resolve(CONFIG_FILE)).equals(loadedFiles.get(name))) {
			String files = modelFingerprint(dir);
			if (files.equals(rejected.get(name))) {
				return List.of();
			}
			return List
				.of(new RepositoryChange(served == null ? Kind.MODEL_ADDED : Kind.MODEL_CHANGED, name, null, files));
		}
		List<RepositoryChange> pending = new ArrayList<>();
		Map<String, Path> versionDirs = versionFolders(dir);
		versionDirs.forEach((version, versionDir) -> {
			String key = name + "/" + version;
			String files = Fingerprints.ofFolder(versionDir);
			if (served.version(version).isEmpty()) {
				pending.add(new RepositoryChange(Kind.VERSION_ADDED, name, version, files));
			}
			else if (!files.equals(loadedFiles.get(key)) && !files.equals(rejected.get(key))) {
				pending.add(new RepositoryChange(Kind.VERSION_CHANGED, name, version, files));
			}
		});
		for (ModelVersion version : served.versions()) {
			if (!versionDirs.containsKey(version.version())) {
				pending.add(new RepositoryChange(Kind.VERSION_REMOVED, name, version.version(), Fingerprints.ABSENT));
			}
		}
		return pending;
	}

	private void addModel(Path root, String name) {
		Path dir = root.resolve(name);
		ServedModel model = describe(dir);
		// Listed at once, its versions loading; the default version of other models is
		// unaffected.
		models.put(name, model);
		loadedFiles.put(name, Fingerprints.ofFile(dir.resolve(CONFIG_FILE)));
		for (ModelVersion version : model.versions()) {
			Steady result = loadSteady(root, model, version.version());
			ServedModel current = models.get(name);
			models.put(name, result == null ? current.withoutVersion(version.version())
					: current.withVersionPut(result.version()));
			if (result != null) {
				loadedFiles.put(name + "/" + version.version(), result.files());
			}
		}
		log.info("Model '{}' added: {}", name, describeVersions(models.get(name)));
	}

	/**
	 * Loads config and versions afresh and swaps the whole model, unless a serving
	 * version would fail.
	 */
	private void replaceModel(Path root, ServedModel current, String files) {
		String name = current.name();
		Path dir = root.resolve(name);
		String config = Fingerprints.ofFile(dir.resolve(CONFIG_FILE));
		ServedModel fresh = describe(dir);
		Map<String, String> versionFiles = new LinkedHashMap<>();
		for (ModelVersion version : fresh.versions()) {
			Steady result = loadSteady(root, fresh, version.version());
			if (result == null) {
				fresh.versions().forEach(ModelVersion::retire);
				return;
			}
			fresh = fresh.withVersionPut(result.version());
			versionFiles.put(version.version(), result.files());
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
			reject(name, files, "new config or files not taken (%s); still serving the previous ones".formatted(why));
			return;
		}
		models.put(name, fresh);
		current.versions().forEach(ModelVersion::retire);
		forget(name);
		loadedFiles.put(name, config);
		versionFiles.forEach((version, fingerprint) -> loadedFiles.put(name + "/" + version, fingerprint));
		log.info("Model '{}' reloaded: {}", name, describeVersions(fresh));
	}

	private void removeModel(String name, String why) {
		ServedModel removed = models.remove(name);
		forget(name);
		if (removed != null) {
			removed.versions().forEach(ModelVersion::retire);
			log.info("Model '{}' no longer served: {}", name, why);
		}
	}

	private void addVersion(Path root, ServedModel served, String version) {
		String name = served.name();
		models.put(name, served.withVersionPut(ModelVersion.loading(version)));
		Steady result = loadSteady(root, served, version);
		ServedModel current = models.get(name);
		if (result == null) {
			models.put(name, current.withoutVersion(version));
			return;
		}
		models.put(name, current.withVersionPut(result.version()));
		loadedFiles.put(name + "/" + version, result.files());
		log.info("Model '{}' version {} added: {}", name, version, describe(result.version()));
	}

	/**
	 * Loads the version's new files beside the old ones and swaps them in, unless they
	 * fail where the old serve.
	 */
	private void replaceVersion(Path root, ServedModel served, String version, String files) {
		String key = served.name() + "/" + version;
		ModelVersion old = version(served, version);
		Steady result = loadSteady(root, served, version);
		if (result == null) {
			return;
		}
		if (!result.version().isReady() && old.isReady()) {
			reject(key, files,
					"new files not taken (%s); still serving the previous ones".formatted(result.version().reason()));
			return;
		}
		models.put(served.name(), models.get(served.name()).withVersionPut(result.version()));
		old.retire();
		loadedFiles.put(key, result.files());
		rejected.remove(key);
		problems.remove(key);
		log.info("Model '{}' version {} reloaded from new files: {}", served.name(), version,
				describe(result.version()));
	}

	private void removeVersion(ServedModel served, String version) {
		String key = served.name() + "/" + version;
		ModelVersion old = version(served, version);
		models.put(served.name(), served.withoutVersion(version));
		old.retire();
		loadedFiles.remove(key);
		rejected.remove(key);
		problems.remove(key);
		log.info("Model '{}' version {} no longer served: its folder was removed", served.name(), version);
	}

	/** A loaded (or failed) version and the fingerprint of the files it came from. */
	private record Steady(ModelVersion version, String files) {
	}

	/**
	 * Loads a version, or fails it when the model's config is broken. Returns null, with
	 * nothing left open, when the files changed during the load: they were being written,
	 * and may be again.
	 */
	private Steady loadSteady(Path root, ServedModel model, String version) {
		Path dir = root.resolve(model.name()).resolve(version);
		String before = Fingerprints.ofFolder(dir);
		ModelVersion result = model.configError() != null ? ModelVersion.failed(version, model.configError())
				: load(root, model, version);
		if (!before.equals(Fingerprints.ofFolder(dir))) {
			log.info("Model '{}' version {} changed while it loaded; it will be loaded once its files are still",
					model.name(), version);
			result.retire();
			return null;
		}
		return new Steady(result, before);
	}

	private void reject(String key, String files, String why) {
		rejected.put(key, files);
		problems.put(key, why);
		log.warn("Model {}: {}", key, why);
	}

	/**
	 * Drops what is remembered about a model's files and their problems, for the model
	 * and its versions.
	 */
	private void forget(String name) {
		for (Map<String, String> byKey : List.of(loadedFiles, rejected, problems)) {
			byKey.keySet().removeIf(key -> key.equals(name) || key.startsWith(name + "/"));
		}
	}

	private void rememberFiles(Path dir, ServedModel model) {
		loadedFiles.put(model.name(), Fingerprints.ofFile(dir.resolve(CONFIG_FILE)));
		for (ModelVersion version : model.versions()) {
			loadedFiles.put(model.name() + "/" + version.version(),
					Fingerprints.ofFolder(dir.resolve(version.version())));
		}
	}

	/**
	 * config.yml and every version folder: what must be still before a whole model is
	 * (re)loaded.
	 */
	private static String modelFingerprint(Path dir) {
		StringBuilder files = new StringBuilder(CONFIG_FILE).append('=')
			.append(Fingerprints.ofFile(dir.resolve(CONFIG_FILE)));
		versionFolders(dir).forEach((version,
				versionDir) -> files.append('|').append(version).append('=').append(Fingerprints.ofFolder(versionDir)));
		return files.toString();
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

	/**
	 * Model folders by name, quietly skipping what is not one (scan() logs those at
	 * startup).
	 */
	private static Map<String, Path> modelFolders(Path root) {
		Map<String, Path> folders = new TreeMap<>();
		if (Files.isDirectory(root)) {
			for (Path dir : subfolders(root)) {
				String name = dir.getFileName().toString();
				if (MODEL_NAME.matcher(name).matches()) {
					folders.put(name, dir);
				}
			}
		}
		return folders;
	}

	/**
	 * Version folders by name; other folders (e.g. a copy in progress named 2.tmp) are
	 * ignored.
	 */
	private static Map<String, Path> versionFolders(Path modelDir) {
		Map<String, Path> folders = new TreeMap<>();
		for (Path dir : subfolders(modelDir)) {
			String version = dir.getFileName().toString();
			if (VERSION.matcher(version).matches()) {
				folders.put(version, dir);
			}
		}
		return folders;
	}

}
