package dev.berth.ml.repository;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Actuator health contributor "models" (part of the readiness group): UP when the server
 * is ready by {@link ModelRepository#isReady()}, with every model version's state as
 * details.
 */
@Component
class ModelsHealthIndicator implements HealthIndicator {

	private final ModelRepository repository;

	ModelsHealthIndicator(ModelRepository repository) {
		this.repository = repository;
	}

	@Override
	public Health health() {
		Health.Builder health = repository.isReady() ? Health.up()
				: repository.isLoaded() ? Health.down() : Health.status(Status.OUT_OF_SERVICE);
		Map<String, String> problems = repository.reloadProblems();
		for (ServedModel model : repository.models()) {
			Map<String, Object> detail = new LinkedHashMap<>();
			if (model.configError() != null) {
				detail.put("error", model.configError());
			}
			if (problems.containsKey(model.name())) {
				detail.put("reload", problems.get(model.name()));
			}
			for (ModelVersion version : model.versions()) {
				String problem = problems.get(model.name() + "/" + version.version());
				detail.put(version.version(), version.reason() != null ? version.state() + ": " + version.reason()
						: problem != null ? version.state() + " (" + problem + ")" : version.state().name());
			}
			health.withDetail(model.name(), detail);
		}
		return health.build();
	}

}
