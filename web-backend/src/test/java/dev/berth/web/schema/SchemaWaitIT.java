package dev.berth.web.schema;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.berth.db.schema.MigrationLocations;
import dev.berth.testsupport.RequiresDocker;
import dev.berth.testsupport.TestDatabase;
import dev.berth.web.WebApplication;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.junit.jupiter.Container;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * web started as Swarm may start it: with Flyway off, as in production, and before
 * db-migrate has migrated its database. Each test has a database of its own.
 */
@RequiresDocker
@ExtendWith(OutputCaptureExtension.class)
class SchemaWaitIT {

	@Container
	final JdbcDatabaseContainer<?> database = TestDatabase.MARIADB.container();

	@Test
	void waitsForTheSchemaAndStartsOnceDbMigrateAppliedIt(CapturedOutput output) {
		CompletableFuture<ConfigurableApplicationContext> web = CompletableFuture.supplyAsync(() -> startWeb("2m"),
				(task) -> Thread.ofPlatform().name("web-startup").daemon().start(task));
		try {
			await().atMost(Duration.ofMinutes(2))
				.until(() -> output.getOut().contains("Waiting for database schema version 3 (no schema yet)"));
			assertThat(web).isNotDone();

			migrate("latest");

			await().atMost(Duration.ofMinutes(2)).until(web::isDone);
			int port = web.join().getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			ResponseEntity<String> stats = RestClient.create()
				.get()
				.uri("http://localhost:{port}/api/stats", port)
				.retrieve()
				.toEntity(String.class);
			assertThat(stats.getStatusCode().value()).isEqualTo(200);
			assertThat(stats.getBody()).contains("\"total\":0");
			assertThat(output.getOut()).contains("Database schema is at version 3 (web needs 3)");
		}
		finally {
			web.thenAccept(ConfigurableApplicationContext::close);
		}
	}

	@Test
	void failsToStartWhenTheSchemaStaysOlderThanItNeeds(CapturedOutput output) {
		migrate("2");

		assertThatException().isThrownBy(() -> startWeb("3s"))
			.havingRootCause()
			.isInstanceOf(SchemaNotReadyException.class)
			.withMessageContaining("Database schema version 3 not reached within 3s (found 2)");
		assertThat(output.getOut()).contains("Waiting for database schema version 3 (found 2)")
			.contains("APPLICATION FAILED TO START")
			.contains("raise berth.schema.wait-timeout");
	}

	private ConfigurableApplicationContext startWeb(String waitTimeout) {
		return new SpringApplicationBuilder(WebApplication.class).main(WebApplication.class)
			.initializers(SchemaWaitIT::leaveOutTestConfigurations)
			.run("--spring.datasource.url=" + this.database.getJdbcUrl(),
					"--spring.datasource.username=" + this.database.getUsername(),
					"--spring.datasource.password=" + this.database.getPassword(),
					// As in production (the tests' config/application.yml turns it on).
					"--spring.flyway.enabled=false", "--server.port=0", "--berth.schema.wait-timeout=" + waitTimeout);
	}

	/** What db-migrate does, up to {@code target}. */
	private void migrate(String target) {
		FluentConfiguration flyway = Flyway.configure()
			.dataSource(this.database.getJdbcUrl(), this.database.getUsername(), this.database.getPassword());
		flyway.locations(MigrationLocations.forDatabase(flyway.getDataSource()).toArray(String[]::new))
			.target(target)
			.load()
			.migrate();
	}

	/**
	 * Keeps the test configurations in dev.berth.web (their own database, a stub ml) out
	 * of the app's component scan, as {@code @SpringBootTest} does.
	 */
	private static void leaveOutTestConfigurations(ConfigurableApplicationContext context) {
		context.getBeanFactory().registerSingleton("leaveOutTestConfigurations", new TestConfigurationFilter());
	}

	private static final class TestConfigurationFilter extends TypeExcludeFilter {

		@Override
		public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
			return reader.getAnnotationMetadata().hasAnnotation(TestConfiguration.class.getName());
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof TestConfigurationFilter;
		}

		@Override
		public int hashCode() {
			return TestConfigurationFilter.class.hashCode();
		}

	}

}
