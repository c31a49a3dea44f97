package dev.berth.db.copy;

import javax.sql.DataSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

/**
 * The copy mode of db-migrate, active with the {@value #PROFILE} profile (which
 * {@code java -jar app.jar copy} selects, and which turns Flyway's migration off: the
 * copy only checks schema versions).
 */
@Configuration(proxyBeanMethods = false)
@Profile(CopyConfiguration.PROFILE)
@EnableConfigurationProperties(CopyProperties.class)
public class CopyConfiguration {

	public static final String PROFILE = "copy";

	@Bean
	CopyRunner copyRunner(DataSource dataSource, CopyProperties properties, Environment environment) {
		// Flyway's own setting, so that a renamed history table is found and skipped.
		return new CopyRunner(dataSource, properties,
				environment.getProperty("spring.flyway.table", "flyway_schema_history"));
	}

}
