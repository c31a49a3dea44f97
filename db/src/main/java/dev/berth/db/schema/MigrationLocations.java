package dev.berth.db.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

/**
 * Where the migrations for an engine are: {@code db/migration/common} holds the SQL every
 * engine runs as written, and a folder per engine family what must differ ({@code mysql}
 * for MariaDB and MySQL, whose SQL is the same; {@code postgresql}).
 */
public final class MigrationLocations {

	private static final String ROOT = "classpath:db/migration/";

	private MigrationLocations() {
	}

	public static List<String> forDatabase(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			return forProduct(connection.getMetaData().getDatabaseProductName());
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot tell which database engine to migrate: " + ex.getMessage(), ex);
		}
	}

	static List<String> forProduct(String product) {
		String family = switch (product) {
			case "MariaDB", "MySQL" -> "mysql";
			case "PostgreSQL" -> "postgresql";
			default -> throw new IllegalStateException(
					"Berth's schema has migrations for MariaDB, MySQL and PostgreSQL, not for " + product);
		};
		return List.of(ROOT + "common", ROOT + family);
	}

}
