package dev.berth.db.migrate;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import dev.berth.testsupport.RequiresDocker;
import dev.berth.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.junit.jupiter.Container;

import static org.assertj.core.api.Assertions.assertThat;

/** MariaDB, the default engine, runs with the server configuration in db/conf.d. */
@RequiresDocker
class MariaDbConfigIT {

	@Container
	static final JdbcDatabaseContainer<?> mariadb = TestDatabase.MARIADB.container();

	@Test
	void textIsUtf8mb4AndTimesAreUtc() throws SQLException {
		try (Connection c = DriverManager.getConnection(mariadb.getJdbcUrl(), mariadb.getUsername(),
				mariadb.getPassword());
				Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("SELECT @@character_set_server, @@collation_server, @@time_zone")) {
			rs.next();
			assertThat(rs.getString(1)).isEqualTo("utf8mb4");
			assertThat(rs.getString(2)).isEqualTo("utf8mb4_uca1400_ai_ci");
			assertThat(rs.getString(3)).isEqualTo("+00:00");
		}
	}

}
