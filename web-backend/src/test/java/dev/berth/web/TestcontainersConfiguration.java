package dev.berth.web;

import dev.berth.testsupport.TestDatabases;
import org.testcontainers.mariadb.MariaDBContainer;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;

/**
 * A real MariaDB for tests and local development, configured as compose runs it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestcontainersConfiguration {

	@Bean
	@ServiceConnection
	MariaDBContainer mariadb() {
		return TestDatabases.mariadb();
	}

}
