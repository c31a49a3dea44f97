package dev.berth.ml.repository;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/**
 * The models the server knows and the state of every version: what requests look up. Each
 * model is an immutable {@link ServedModel} that a change replaces whole, so lookups take
 * no lock and are safe from any thread at any time. Only {@link ModelLifecycle} changes
 * what is here.
 */
@Component
public class ModelRegistry {

	private final ModelRepositoryProperties properties;

	private final Map<String, ServedModel> models = new ConcurrentSkipListMap<>();

	private volatile boolean loaded;

	ModelRegistry(ModelRepositoryProperties properties) {
		this.properties = properties;
	}

	/** Every model, by name. */
	public List<ServedModel> models() {
		return List.copyOf(models.values());
	}

	/** The model of this name, if the server knows one. */
	public Optional<ServedModel> find(String name) {
		return Optional.ofNullable(models.get(name));
	}

	/**
	 * @throws ModelNotFoundException when there is no such model
	 */
	public ServedModel model(String name) {
		return find(name).orElseThrow(() -> new ModelNotFoundException("unknown model '%s'".formatted(name)));
	}

	/**
	 * @throws ModelNotFoundException when the model has no such version
	 */
	public ModelVersion version(ServedModel model, String version) {
		return model.version(version)
			.orElseThrow(() -> new ModelNotFoundException(
					"model '%s' has no version '%s'".formatted(model.name(), version)));
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
		ModelVersion found = readyVersion(name, version);
		while (!found.inFlight().enter()) {
			// Retired since the lookup. ModelLifecycle publishes a successor (or the
			// removal) before it retires a version, so this lookup sees a newer state:
			// each turn of the loop follows a finished swap.
			ModelVersion newer = readyVersion(name, version);
			if (newer.inFlight() == found.inFlight()) {
				throw new IllegalStateException("model '%s' still lists a retired version".formatted(name));
			}
			found = newer;
		}
		return new ModelLease(found);
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
			return models.values().stream().allMatch(ServedModel::isFullyReady);
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
			.filter(m -> !m.isFullyReady())
			.map(m -> m.name() + ": " + m.unavailableReason())
			.collect(Collectors.joining("; "));
		return Optional.of((properties.requireAllModels() ? "not every model is ready (berth.ml.require-all-models): "
				: "no model is ready: ") + failures);
	}

	// Changes: made by ModelLifecycle only, one at a time.

	void put(ServedModel model) {
		models.put(model.name(), model);
	}

	Optional<ServedModel> remove(String name) {
		return Optional.ofNullable(models.remove(name));
	}

	List<ServedModel> removeAll() {
		List<ServedModel> removed = List.copyOf(models.values());
		models.clear();
		return removed;
	}

	void markLoaded() {
		loaded = true;
	}

}
