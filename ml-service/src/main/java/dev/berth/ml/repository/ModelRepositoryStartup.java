package dev.berth.ml.repository;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Loads the models once the web server is up: liveness answers during the load, and
 * Spring switches readiness to accepting traffic only after this runner returns.
 */
@Component
class ModelRepositoryStartup implements ApplicationRunner {

	private final ModelRepository repository;

	ModelRepositoryStartup(ModelRepository repository) {
		this.repository = repository;
	}

	@Override
	public void run(ApplicationArguments args) {
		repository.loadAll();
	}

}
