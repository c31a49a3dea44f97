package dev.berth.ml.repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.berth.ml.inference.ModelLoadException;
import dev.berth.ml.inference.ModelSignature;
import dev.berth.ml.inference.TensorSpec;
import dev.berth.ml.inference.TorchScriptModel;
import dev.berth.ml.inference.TorchScriptModelLoader;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The models this server knows, with the state of every version. Loading happens once, at startup
 * ({@link #loadAll()}); lookups are safe from any thread while it runs, and see versions as
 * loading until they are ready.
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
    private final ModelConfigReader configReader = new ModelConfigReader();
    private final Map<String, ServedModel> models = new ConcurrentSkipListMap<>();
    private volatile boolean loaded;

    public ModelRepository(ModelRepositoryProperties properties, TorchScriptModelLoader loader) {
        this.properties = properties;
        this.loader = loader;
    }

    /** Scans the repository and loads every version; a failure is recorded on its version and logged. */
    public void loadAll() {
        Path root = properties.modelRepository().toAbsolutePath().normalize();
        long started = System.nanoTime();
        List<ServedModel> found = scan(root);
        found.forEach(model -> models.put(model.name(), model));
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
        long failed = models.values().stream().flatMap(m -> m.versions().stream())
                .filter(v -> v.state() == ModelState.FAILED).count()
                + models.values().stream().filter(m -> m.versions().isEmpty()).count();
        log.info("Model repository {}: {} model(s), {} version(s) ready, {} failed, in {} ms; server {}",
                root, models.size(), ready, failed, (System.nanoTime() - started) / 1_000_000,
                isReady() ? "ready" : "NOT ready");
    }

    /** Every model, by name. */
    public List<ServedModel> models() {
        return List.copyOf(models.values());
    }

    /** @throws ModelNotFoundException when there is no such model */
    public ServedModel model(String name) {
        ServedModel model = models.get(name);
        if (model == null) {
            throw new ModelNotFoundException("unknown model '%s'".formatted(name));
        }
        return model;
    }

    /**
     * The version a request names, or the default one when it names none.
     *
     * @throws ModelNotFoundException when there is no such model or version
     * @throws ModelNotReadyException when the version cannot serve now
     */
    public ModelVersion readyVersion(String name, String version) {
        ServedModel model = model(name);
        if (version == null) {
            return model.defaultVersion().orElseThrow(() -> new ModelNotReadyException(
                    "model '%s' is not ready: %s".formatted(name, model.unavailableReason())));
        }
        ModelVersion found = version(model, version);
        return switch (found.state()) {
            case READY -> found;
            case LOADING -> throw new ModelNotReadyException(
                    "model '%s' version '%s' is still loading".formatted(name, version));
            case FAILED -> throw new ModelNotReadyException(
                    "model '%s' version '%s' is not ready: %s".formatted(name, version, found.reason()));
        };
    }

    /** @throws ModelNotFoundException when the model has no such version */
    public ModelVersion version(ServedModel model, String version) {
        return model.version(version).orElseThrow(() -> new ModelNotFoundException(
                "model '%s' has no version '%s'".formatted(model.name(), version)));
    }

    /** Whether the startup load has finished, whatever its outcome. */
    public boolean isLoaded() {
        return loaded;
    }

    /**
     * Whether the server can take traffic: the load has finished and at least one version is ready;
     * with {@code berth.ml.require-all-models}, every model needs every version ready.
     */
    public boolean isReady() {
        if (!loaded || models.isEmpty()) {
            return false;
        }
        if (properties.requireAllModels()) {
            return models.values().stream().allMatch(m -> !m.versions().isEmpty()
                    && m.versions().stream().allMatch(ModelVersion::isReady));
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
        String failures = models.values().stream()
                .filter(m -> m.versions().isEmpty() || !m.versions().stream().allMatch(ModelVersion::isReady))
                .map(m -> m.name() + ": " + m.unavailableReason())
                .collect(Collectors.joining("; "));
        return Optional.of((properties.requireAllModels()
                ? "not every model is ready (berth.ml.require-all-models): "
                : "no model is ready: ") + failures);
    }

    @Override
    public void destroy() {
        for (ServedModel model : models.values()) {
            for (ModelVersion version : model.versions()) {
                if (version.model() != null) {
                    version.model().close();
                }
            }
        }
        models.clear();
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
        } catch (IllegalArgumentException e) {
            configError = e.getMessage().startsWith(CONFIG_FILE) ? e.getMessage() : CONFIG_FILE + ": " + e.getMessage();
            log.warn("Model '{}' cannot be served: {}", name, configError);
        }
        List<ModelVersion> versions = new ArrayList<>();
        for (Path versionDir : subfolders(dir)) {
            String version = versionDir.getFileName().toString();
            if (VERSION.matcher(version).matches()) {
                versions.add(configError == null ? ModelVersion.loading(version) : ModelVersion.failed(version, configError));
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
            TorchScriptModel loadedModel = loader.load(id, versionDir.resolve(MODEL_FILE), model.signature());
            List<String> labels;
            try {
                labels = readLabels(model, versionDir);
            } catch (IllegalArgumentException e) {
                loadedModel.close();
                throw e;
            }
            log.info("Loaded model '{}' version {} in {} ms", model.name(), version,
                    (System.nanoTime() - started) / 1_000_000);
            return ModelVersion.ready(version, loadedModel, labels);
        } catch (ModelLoadException | IllegalArgumentException e) {
            log.warn("Model '{}' version {} failed to load: {}", model.name(), version, e.getMessage());
            log.debug("Load failure of {}", id, e);
            return ModelVersion.failed(version, e.getMessage());
        } catch (RuntimeException e) {
            // Whatever goes wrong with one model must not stop the others from loading.
            log.warn("Model '{}' version {} failed to load", model.name(), version, e);
            return ModelVersion.failed(version, "unexpected error: " + e);
        }
    }

    /** The labels file, checked against the first output's class dimension when that is fixed. */
    private static List<String> readLabels(ServedModel model, Path versionDir) {
        String labelsFile = model.config().labels();
        if (labelsFile == null) {
            return List.of();
        }
        Path file = versionDir.resolve(labelsFile).normalize();
        if (!file.startsWith(versionDir)) {
            throw new IllegalArgumentException("labels file '%s' lies outside the version folder".formatted(labelsFile));
        }
        List<String> labels;
        try (Stream<String> lines = Files.lines(file)) {
            labels = lines.map(String::strip).toList();
        } catch (IOException e) {
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
        } catch (IOException e) {
            log.warn("Cannot list {}: {}", dir, e.getMessage());
            return List.of();
        }
    }
}
