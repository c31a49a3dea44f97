package dev.berth.ml.repository;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Actuator health contributor "models" (part of the readiness group): UP when the server
 * is ready by {@link ModelRegistry#isReady()}, with every model version's state as
 * details.
 */
@Component
class ModelsHealthIndicator implements HealthIndicator {

	private final ModelRegistry registry;

	private final ReloadPlanner planner;

	ModelsHealthIndicator(ModelRegistry registry, ReloadPlanner planner) {
		this.registry = registry;
		this.planner = planner;
	}

	@Override
	public Health health() {
		Health.Builder health = registry.isReady() ? Health.up()
				: registry.isLoaded() ? Health.down() : Health.status(Status.OUT_OF_SERVICE);
		for (ServedModel model : registry.models()) {
			Map<String, Object> detail = new LinkedHashMap<>();
			if (model.configError() != null) {
				detail.put("error", model.configError());
			}
			planner.refusal(new ModelKey(model.name())).ifPresent(why -> detail.put("reload", why));
			for (ModelVersion version : model.versions()) {
				String state = version.state().name();
				detail.put(version.version(),
						version.reason() != null ? state + ": " + version.reason()
								: planner.refusal(new VersionKey(model.name(), version.version()))
									.map(why -> state + " (" + why + ")")
									.orElse(state));
			}
			health.withDetail(model.name(), detail);
		}
		return health.build();
	}

}
