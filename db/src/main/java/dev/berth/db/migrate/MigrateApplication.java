package dev.berth.db.migrate;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs Flyway once and exits: 0 when the schema is current, non-zero when a migration
 * fails (Spring Boot's Flyway initializer throws during startup, so {@code run} never
 * returns). Compose starts {@code web} only after this has completed successfully.
 */
@SpringBootApplication
public class MigrateApplication {

	/**
	 * Own config name, so this jar's settings never shadow an app that has it on its
	 * classpath.
	 */
	static final String CONFIG_NAME = "db-migrate";

	public static void main(String[] args) {
		System.exit(SpringApplication.exit(run(args)));
	}

	static ConfigurableApplicationContext run(String... args) {
		return new SpringApplicationBuilder(MigrateApplication.class).properties("spring.config.name=" + CONFIG_NAME)
			.run(args);
	}

}
