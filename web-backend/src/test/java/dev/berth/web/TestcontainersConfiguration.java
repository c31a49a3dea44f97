package dev.berth.web;

import dev.berth.testsupport.TestDatabase;
import org.testcontainers.containers.JdbcDatabaseContainer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;

/**
 * A real database for tests and local development, configured as compose runs it:
 * MariaDB, or the engine that {@code berth.test.database} names (MARIADB, POSTGRESQL,
 * MYSQL).
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestcontainersConfiguration {

	@Bean
	@ServiceConnection
	JdbcDatabaseContainer<?> database(@Value("${berth.test.database:MARIADB}") TestDatabase engine) {
		return engine.container();
	}

}
