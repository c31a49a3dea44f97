package dev.berth.web.schema;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.jpa.autoconfigure.EntityManagerFactoryDependsOnPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes the entity manager factory, whose Hibernate validates the entities against the
 * schema, wait for {@link SchemaVersionWait}. Only where db-migrate owns the migrations
 * ({@code spring.flyway.enabled=false}, as in production): where the app runs Flyway
 * itself (the tests), the wait would block before Flyway could create the schema.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "spring.flyway.enabled", havingValue = false)
class SchemaWaitConfiguration {

	@Bean
	SchemaVersionWait schemaVersionWait(DataSource dataSource, SchemaProperties properties) {
		return new SchemaVersionWait(dataSource, properties);
	}

	@Bean
	static EntityManagerFactoryDependsOnPostProcessor entityManagerFactoryWaitsForSchema() {
		return new EntityManagerFactoryDependsOnPostProcessor(SchemaVersionWait.class);
	}

}
