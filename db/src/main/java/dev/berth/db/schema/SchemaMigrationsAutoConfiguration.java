package dev.berth.db.schema;

import org.flywaydb.core.Flyway;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Points Flyway at the migrations for the engine it connects to (see
 * {@link MigrationLocations}), whatever {@code spring.flyway.locations} says.
 */
@AutoConfiguration
@ConditionalOnClass(Flyway.class)
public class SchemaMigrationsAutoConfiguration {

	@Bean
	FlywayConfigurationCustomizer schemaMigrationLocations() {
		return configuration -> configuration
			.locations(MigrationLocations.forDatabase(configuration.getDataSource()).toArray(String[]::new));
	}

}
