package dev.berth.web.schema;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The schema web needs ({@code berth.schema.*}; values and their environment variables
 * are documented in application.yml).
 *
 * @param requiredVersion the Flyway version of the db module's migrations that the
 * entities are written for, e.g. {@code 3}
 * @param waitTimeout how long startup waits for the database to reach it before failing
 */
@Validated
@ConfigurationProperties("berth.schema")
public record SchemaProperties(
		@NotNull @Pattern(regexp = SchemaVersion.FORMAT,
				message = "must be a Flyway version: numbers separated by dots, e.g. 3 or 2.1") String requiredVersion,
		@DefaultValue("5m") @NotNull Duration waitTimeout) {

	SchemaVersion required() {
		return SchemaVersion.parse(this.requiredVersion);
	}

}
