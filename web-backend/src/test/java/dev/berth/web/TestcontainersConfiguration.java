package dev.berth.web;

import dev.berth.db.schema.SchemaMigrationsAutoConfiguration;
import dev.berth.testsupport.TestDatabase;
import org.testcontainers.containers.JdbcDatabaseContainer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;

/**
 * A real database for tests and local development, configured as compose runs it:
 * MariaDB, or the engine that {@code berth.test.database} names (MARIADB, POSTGRESQL,
 * MYSQL).
 */
@TestConfiguration(proxyBeanMethods = false)
// Slices such as @DataJpaTest leave out other auto-configuration: the db module's
// migration
// locations must come along wherever the schema is built.
@ImportAutoConfiguration(SchemaMigrationsAutoConfiguration.class)
public class TestcontainersConfiguration {

	@Bean
	@ServiceConnection
	JdbcDatabaseContainer<?> database(@Value("${berth.test.database:MARIADB}") TestDatabase engine) {
		return engine.container();
	}

}
