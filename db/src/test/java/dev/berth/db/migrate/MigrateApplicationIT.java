package dev.berth.db.migrate;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.berth.db.DbMigrateJar;
import dev.berth.db.DbMigrateJar.Run;
import dev.berth.testsupport.RequiresDocker;
import dev.berth.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.testcontainers.containers.JdbcDatabaseContainer;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the packaged {@code db-migrate} jar the way compose does ({@link DbMigrateJar})
 * against every database engine the schema supports, and checks what an operator relies
 * on: the exit status and the schema.
 */
@RequiresDocker
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class MigrateApplicationIT {

	static JdbcDatabaseContainer<?> database;

	@Parameter
	TestDatabase engine;

	@BeforeParameterizedClassInvocation
	static void startDatabase(TestDatabase engine) {
		database = engine.container();
		database.start();
	}

	@AfterParameterizedClassInvocation
	static void stopDatabase() {
		database.stop();
	}

	@BeforeEach
	void emptyDatabase() throws SQLException {
		List<String> tables = tables();
		if (!tables.isEmpty()) {
			try (Connection c = connection(); Statement s = c.createStatement()) {
				if (!isPostgreSql()) {
					// MariaDB and MySQL ignore CASCADE: tables that reference each other
					// go
					// only with the checks off.
					s.execute("SET FOREIGN_KEY_CHECKS = 0");
				}
				s.execute("DROP TABLE " + String.join(", ", tables) + " CASCADE");
			}
		}
	}

	@Test
	void appliesEveryShippedMigrationAndExitsZero() throws Exception {
		Run run = migrate();

		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(appliedVersions()).containsExactlyElementsOf(shippedVersions());
		assertThat(columns("prediction")).containsExactly("id", "created_at", "model_name", "model_version",
				"predicted_label", "confidence", "probabilities", "corrected_label", "corrected_at", "pixels", "source",
				"latency_micros", "job_item_id");
		assertThat(columns("batch_job")).containsExactly("id", "name", "created_at", "started_at", "finished_at",
				"status", "total");
		assertThat(columns("batch_job_item")).containsExactly("id", "job_id", "position", "file_name", "picture",
				"status", "error", "finished_at");
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
	void theSchemaRefusesWhatIsNotAPrediction() throws Exception {
		assertThat(migrate().exitCode()).isZero();

		assertThat(insert("0.5", "'[0.5,0.5]'", "NULL")).as("a valid row").isTrue();
		assertThat(insert("1.5", "'[0.5,0.5]'", "NULL")).as("confidence above 1").isFalse();
		assertThat(insert("0.5", "'{\"a\":1}'", "NULL")).as("probabilities not a JSON array").isFalse();
		assertThat(insert("0.5", "'[0.5,0.5]'", "3")).as("a correction without its time").isFalse();
	}

	@Test
	void theSchemaRefusesASecondResultForOneJobItem() throws Exception {
		assertThat(migrate().exitCode()).isZero();
		execute("INSERT INTO batch_job (id, name, created_at, status, total) VALUES (1, 'digits.zip', CURRENT_TIMESTAMP, 'RUNNING', 1)");
		execute("INSERT INTO batch_job_item (id, job_id, position, file_name, picture, status)"
				+ " VALUES (1, 1, 0, 'one.png', " + pixelsLiteral() + ", 'QUEUED')");

		assertThat(insert("0.5", "'[0.5,0.5]'", "NULL", "1")).as("the item's result").isTrue();
		assertThat(insert("0.5", "'[0.5,0.5]'", "NULL", "1")).as("a second result for the item").isFalse();
		assertThat(insert("0.5", "'[0.5,0.5]'", "NULL", "2")).as("a result for no item").isFalse();
	}

	private static Run migrate() throws IOException, InterruptedException {
		return DbMigrateJar.run(DbMigrateJar.datasource(database));
	}

	/** The versions of the migrations the jar ships for this engine. */
	private static List<String> shippedVersions() throws IOException {
		Resource[] scripts = new PathMatchingResourcePatternResolver()
			.getResources("classpath*:db/migration/**/V*__*.sql");
		return Arrays.stream(scripts)
			.map(r -> r.getFilename().substring(1, r.getFilename().indexOf("__")))
			.distinct()
			.sorted((a, b) -> Integer.compare(Integer.parseInt(a.split("\\.")[0]), Integer.parseInt(b.split("\\.")[0])))
			.toList();
	}

	private static boolean insert(String confidence, String probabilities, String correctedLabel) {
		return insert(confidence, probabilities, correctedLabel, "NULL");
	}

	private static boolean insert(String confidence, String probabilities, String correctedLabel, String jobItemId) {
		try {
			execute("INSERT INTO prediction (created_at, model_name, model_version, predicted_label, confidence,"
					+ " probabilities, corrected_label, corrected_at, pixels, job_item_id) VALUES (CURRENT_TIMESTAMP,"
					+ " 'mnist', '1', 0, " + confidence + ", " + probabilities + ", " + correctedLabel + ", NULL, "
					+ pixelsLiteral() + ", " + jobItemId + ")");
			return true;
		}
		catch (SQLException refused) {
			return false;
		}
	}

	private static void execute(String sql) throws SQLException {
		try (Connection c = connection(); Statement s = c.createStatement()) {
			s.execute(sql);
		}
	}

	private static String pixelsLiteral() {
		return isPostgreSql() ? "'\\x00ff'::bytea" : "X'00FF'";
	}

	private static boolean isPostgreSql() {
		return database.getJdbcUrl().startsWith("jdbc:postgresql:");
	}

	private static List<String> appliedVersions() throws SQLException {
		return query(
				"SELECT version FROM flyway_schema_history WHERE success = TRUE AND version IS NOT NULL ORDER BY installed_rank");
	}

	private static List<String> history() throws SQLException {
		return query(
				"SELECT CONCAT_WS('|', installed_rank, version, checksum, installed_on) FROM flyway_schema_history ORDER BY installed_rank");
	}

	private static List<String> columns(String table) throws SQLException {
		try (Connection c = connection();
				ResultSet rs = c.getMetaData().getColumns(c.getCatalog(), c.getSchema(), table, null)) {
			List<String> names = new ArrayList<>();
			while (rs.next()) {
				names.add(rs.getString("COLUMN_NAME").toLowerCase());
			}
			return names;
		}
	}

	private static List<String> tables() throws SQLException {
		try (Connection c = connection();
				ResultSet rs = c.getMetaData()
					.getTables(c.getCatalog(), c.getSchema(), null, new String[] { "TABLE" })) {
			List<String> names = new ArrayList<>();
			while (rs.next()) {
				names.add(rs.getString("TABLE_NAME").toLowerCase());
			}
			return names;
		}
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
		return DriverManager.getConnection(database.getJdbcUrl(), database.getUsername(), database.getPassword());
	}

}
