package dev.berth.web;

import org.springframework.boot.SpringApplication;

/**
 * Runs the web app on http://localhost:8080 against a throw-away MariaDB in Docker,
 * migrated by the db module, for local development: run this class from an IDE, or
 * {@code ./mvnw -pl web-backend -am install -DskipTests} once, then
 * {@code ./mvnw -pl web-backend spring-boot:test-run}. Classifying needs an ml service:
 * {@code --berth.ml.base-url=http://localhost:8081} (or BERTH_ML_BASE_URL) where one
 * runs.
 */
public class TestWebApplication {

	public static void main(String[] args) {
		SpringApplication.from(WebApplication::main).with(TestcontainersConfiguration.class).run(args);
	}

}
