package dev.berth.db.copy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the copy mode ({@code berth.db.copy.*}; defaults and environment variables
 * in db-migrate.yml). The target is the app's own datasource
 * ({@code spring.datasource.*}), the database db-migrate migrates.
 *
 * @param source the database to copy from
 * @param batchSize rows sent to the target per insert batch
 */
@ConfigurationProperties("berth.db.copy")
public record CopyProperties(@DefaultValue Source source, @DefaultValue("500") int batchSize) {

	/**
	 * The database to copy from.
	 *
	 * @param url its JDBC URL ({@code jdbc:mariadb:}, {@code jdbc:mysql:} or
	 * {@code jdbc:postgresql:}); required
	 * @param username the user to connect as
	 * @param password that user's password
	 */
	public record Source(String url, String username, String password) {

	}

}
