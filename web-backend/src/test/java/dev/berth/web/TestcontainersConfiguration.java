package dev.berth.web;

import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;

/**
 * A real MariaDB for tests and local development: the image of {@code -Dmariadb.image}
 * (default {@code mariadb:11.8}) with the server config compose mounts (from the db
 * module).
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestcontainersConfiguration {

	@Bean
	@ServiceConnection
	MariaDBContainer mariadb() {
		return new MariaDBContainer(DockerImageName.parse(System.getProperty("mariadb.image", "mariadb:11.8"))
			.asCompatibleSubstituteFor("mariadb")).withConfigurationOverride("berth-mariadb-conf.d");
	}

}
