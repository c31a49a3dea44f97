package dev.berth.ml.repository;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Actuator health contributor "models" (part of the readiness group): UP when the server is ready
 * by {@link ModelRepository#isReady()}, with every model version's state as details.
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
        for (ServedModel model : repository.models()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            if (model.configError() != null) {
                detail.put("error", model.configError());
            }
            for (ModelVersion version : model.versions()) {
                detail.put(version.version(), version.reason() == null ? version.state().name()
                        : version.state() + ": " + version.reason());
            }
            health.withDetail(model.name(), detail);
        }
        return health.build();
    }
}
