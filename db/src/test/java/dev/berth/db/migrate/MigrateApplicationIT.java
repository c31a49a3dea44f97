package dev.berth.db.migrate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.berth.testsupport.RequiresDocker;
import dev.berth.testsupport.TestDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.mariadb.MariaDBContainer;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the packaged {@code db-migrate} jar the way compose does (a separate JVM
 * configured only through {@code SPRING_DATASOURCE_*}) against a real MariaDB that uses
 * the production server config, and checks what an operator relies on: the exit status
 * and the schema.
 */
@RequiresDocker
class MigrateApplicationIT {

	@Container
	static final MariaDBContainer mariadb = TestDatabases.mariadb();

	@BeforeEach
	void emptyDatabase() throws SQLException {
		try (Connection c = rootConnection(); Statement s = c.createStatement()) {
			s.execute("DROP DATABASE IF EXISTS " + mariadb.getDatabaseName());
			s.execute("CREATE DATABASE " + mariadb.getDatabaseName());
		}
	}

	@Test
	void appliesEveryShippedMigrationAndExitsZero() throws Exception {
		Run run = migrate();

		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(appliedVersions()).containsExactlyElementsOf(shippedVersions());
		assertThat(columns("prediction")).containsExactly("id", "created_at", "model_name", "model_version",
				"predicted_label", "confidence", "probabilities", "corrected_label", "corrected_at", "pixels");
	}

	@Test
	void secondRunChangesNothing() throws Exception {
		assertThat(migrate().exitCode()).isZero();
		List<String> historyAfterFirstRun = history();

		Run second = migrate();

		assertThat(second.exitCode()).as(second.output()).isZero();
		assertThat(second.output()).contains("is up to date. No migration necessary");
		assertThat(history()).isEqualTo(historyAfterFirstRun);
	}

	@Test
	void refusesAForeignSchemaAndExitsNonZero() throws Exception {
		// A database someone filled by hand: Flyway must not guess a baseline and write
		// over it.
		try (Connection c = connection(); Statement s = c.createStatement()) {
			s.execute("CREATE TABLE prediction (id BIGINT PRIMARY KEY)");
		}

		Run run = migrate();

		assertThat(run.exitCode()).as(run.output()).isNotZero();
		assertThat(run.output()).contains("non-empty schema");
		assertThat(tables()).containsExactly("prediction");
	}

	@Test
	void serverRunsWithBerthConfig() throws SQLException {
		try (Connection c = connection();
				Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("SELECT @@character_set_server, @@collation_server, @@time_zone")) {
			rs.next();
			assertThat(rs.getString(1)).isEqualTo("utf8mb4");
			assertThat(rs.getString(2)).isEqualTo("utf8mb4_uca1400_ai_ci");
			assertThat(rs.getString(3)).isEqualTo("+00:00");
		}
	}

	private record Run(int exitCode, String output) {
	}

	/**
	 * Starts {@code java -jar berth-db-*-exec.jar} with the environment compose gives
	 * db-migrate.
	 */
	private static Run migrate() throws IOException, InterruptedException {
		String java = ProcessHandle.current().info().command().orElse("java");
		ProcessBuilder pb = new ProcessBuilder(java, "-jar", execJar().toString()).redirectErrorStream(true);
		Map<String, String> env = pb.environment();
		env.put("SPRING_DATASOURCE_URL", mariadb.getJdbcUrl());
		env.put("SPRING_DATASOURCE_USERNAME", mariadb.getUsername());
		env.put("SPRING_DATASOURCE_PASSWORD", mariadb.getPassword());
		Process process = pb.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("db-migrate finished").isTrue();
		return new Run(process.exitValue(), output);
	}

	private static Path execJar() {
		Path jar = Path.of(System.getProperty("berth.db.exec-jar", "target/berth-db-exec.jar"));
		assertThat(jar).as("the exec jar is built in the package phase, before failsafe runs").isRegularFile();
		return jar;
	}

	private static List<String> shippedVersions() throws IOException {
		Resource[] scripts = new PathMatchingResourcePatternResolver()
			.getResources("classpath*:db/migration/V*__*.sql");
		return Arrays.stream(scripts)
			.map(r -> r.getFilename().substring(1, r.getFilename().indexOf("__")))
			.sorted((a, b) -> Integer.compare(Integer.parseInt(a.split("\\.")[0]), Integer.parseInt(b.split("\\.")[0])))
			.toList();
	}

	private static List<String> appliedVersions() throws SQLException {
		return query(
				"SELECT version FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL ORDER BY installed_rank");
	}

	private static List<String> history() throws SQLException {
		return query(
				"SELECT CONCAT_WS('|', installed_rank, version, checksum, installed_on) FROM flyway_schema_history ORDER BY installed_rank");
	}

	private static List<String> columns(String table) throws SQLException {
		return query(
				"SELECT column_name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = '"
						+ table + "' ORDER BY ordinal_position");
	}

	private static List<String> tables() throws SQLException {
		return query(
				"SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name");
	}

	private static List<String> query(String sql) throws SQLException {
		List<String> rows = new ArrayList<>();
		try (Connection c = connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			while (rs.next()) {
				rows.add(rs.getString(1));
			}
		}
		return rows;
	}

	private static Connection connection() throws SQLException {
		return DriverManager.getConnection(mariadb.getJdbcUrl(), mariadb.getUsername(), mariadb.getPassword());
	}

	private static Connection rootConnection() throws SQLException {
		return DriverManager.getConnection(mariadb.getJdbcUrl(), "root", mariadb.getPassword());
	}

}
