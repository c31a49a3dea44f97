package dev.berth.db.copy;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.berth.db.DbMigrateJar;
import dev.berth.db.DbMigrateJar.Run;
import dev.berth.db.schema.MigrationLocations;
import dev.berth.testsupport.RequiresDocker;
import dev.berth.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.junit.jupiter.Container;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * db-migrate's copy mode as an operator runs it ({@code java -jar app.jar copy},
 * configured through the environment) between MariaDB and PostgreSQL: every value arrives
 * exactly, new rows continue after the copied ids, and what must be refused is refused in
 * one line with the target untouched.
 */
@RequiresDocker
class DatabaseCopyIT {

	@Container
	static final JdbcDatabaseContainer<?> mariadb = TestDatabase.MARIADB.container();

	@Container
	static final JdbcDatabaseContainer<?> postgresql = TestDatabase.POSTGRESQL.container();

	/** The shipped migrations plus one newer version (test resources, db/copy-test). */
	private static final String NEWER_SCHEMA = "classpath:db/copy-test";

	private static final HexFormat HEX = HexFormat.of();

	/** A prediction row as the test reads it, independently of the copy's own code. */
	record PredictionRow(long id, Instant createdAt, String modelName, String modelVersion, int predictedLabel,
			double confidence, String probabilities, Integer correctedLabel, Instant correctedAt, String pixels) {

	}

	/**
	 * Rows that exercise every column type, NULLs, and values that are easy to get wrong.
	 */
	static List<PredictionRow> samples() {
		byte[] everyByte = new byte[784];
		for (int i = 0; i < everyByte.length; i++) {
			everyByte[i] = (byte) i;
		}
		byte[] black = new byte[784];
		byte[] white = new byte[784];
		Arrays.fill(white, (byte) 0xFF);
		byte[] noise = new byte[784];
		new Random(42).nextBytes(noise);
		return List.of(
				new PredictionRow(1, Instant.parse("2026-01-02T03:04:05.123456Z"), "mnist", "1", 7, 1.0 / 3,
						"[0.1,0.2,0.7]", null, null, HEX.formatHex(everyByte)),
				new PredictionRow(2, Instant.parse("1999-12-31T23:59:59.999999Z"), "mnist-ä-数字-🙂", "2026.1", 0, 1.0,
						"[1.0,0.0]", 3, Instant.parse("2026-02-28T12:00:00.000001Z"), HEX.formatHex(black)),
				new PredictionRow(7, Instant.parse("2024-02-29T23:59:59.999999Z"), "mnist", "1", 9, Double.MIN_VALUE,
						"[4.9E-324]", 0, Instant.parse("2024-03-01T00:00:00Z"), HEX.formatHex(white)),
				new PredictionRow(1000, Instant.parse("2026-12-04T10:00:00.000001Z"), "mnist", "1", 4, 0.1 + 0.2,
						"[0.30000000000000004]", null, null, HEX.formatHex(noise)));
	}

	@BeforeEach
	void emptyDatabases() throws SQLException {
		dropTables(mariadb);
		dropTables(postgresql);
	}

	@Test
	void movesEveryRowToPostgreSqlAndBackWithEveryValueIntact() throws Exception {
		migrate(mariadb, NEWER_SCHEMA);
		migrate(postgresql, NEWER_SCHEMA);
		insertSamples(mariadb);

		Run there = copy(mariadb, postgresql);

		assertThat(there.exitCode()).as(there.output()).isZero();
		assertThat(predictions(postgresql)).containsExactlyElementsOf(samples());
		assertThat(rows(postgresql, "correction_note")).isEqualTo(rows(mariadb, "correction_note"));
		assertThat(rows(postgresql, "model_note")).isEqualTo(rows(mariadb, "model_note"));
		assertThat(jobs(postgresql)).isEqualTo(jobs(mariadb)).hasSize(5);
		assertVerified(there, "prediction", 4);
		assertVerified(there, "batch_job", 1);
		assertVerified(there, "batch_job_item", 3);
		assertVerified(there, "correction_note", 2);
		assertVerified(there, "model_note", 4);
		assertThat(there.output()).contains("prediction.id: identity sequence set to 1000, the next id is 1001");

		dropTables(mariadb);
		migrate(mariadb, NEWER_SCHEMA);
		Run back = copy(postgresql, mariadb);

		assertThat(back.exitCode()).as(back.output()).isZero();
		assertThat(predictions(mariadb)).containsExactlyElementsOf(samples());
		assertThat(rows(mariadb, "correction_note")).isEqualTo(rows(postgresql, "correction_note"));
		assertThat(rows(mariadb, "model_note")).isEqualTo(rows(postgresql, "model_note"));
		assertThat(jobs(mariadb)).isEqualTo(jobs(postgresql)).hasSize(5);
		assertVerified(back, "prediction", 4);
		assertVerified(back, "batch_job_item", 3);
		assertThat(insertNewPrediction(postgresql)).as("the next id on PostgreSQL").isGreaterThan(1000);
		assertThat(insertNewPrediction(mariadb)).as("the next id on MariaDB").isGreaterThan(1000);
	}

	@Test
	void refusesATargetThatAlreadyHoldsRows() throws Exception {
		migrate(mariadb);
		migrate(postgresql);
		insertSamples(mariadb);
		insert(postgresql, samples().get(0));

		Run run = copy(mariadb, postgresql);

		assertRefused(run, "the target already holds rows (prediction 1)");
		assertThat(predictions(postgresql)).containsExactly(samples().get(0));
	}

	@Test
	void refusesDatabasesAtDifferentSchemaVersions() throws Exception {
		migrate(mariadb);
		migrate(postgresql, NEWER_SCHEMA);
		insertSamples(mariadb);

		Run run = copy(mariadb, postgresql);

		assertRefused(run, ", the target at 1000");
		assertThat(predictions(postgresql)).isEmpty();
	}

	@Test
	void refusesATargetThatDbMigrateHasNotMigrated() throws Exception {
		migrate(mariadb);
		insertSamples(mariadb);

		Run run = copy(mariadb, postgresql);

		assertRefused(run, "the target database has no Flyway history");
	}

	@Test
	void saysWhatToSetWithoutASource() throws Exception {
		Run run = DbMigrateJar.run(DbMigrateJar.datasource(postgresql), "copy");

		assertRefused(run, "no source database; set BERTH_DB_COPY_SOURCE_URL");
	}

	@Test
	void refusesASourceItHasNoDriverFor() throws Exception {
		Map<String, String> environment = new HashMap<>(DbMigrateJar.datasource(postgresql));
		environment.put("BERTH_DB_COPY_SOURCE_URL", "jdbc:oracle:thin:@db:1521/berth");

		Run run = DbMigrateJar.run(environment, "copy");

		assertRefused(run, "no database driver for the source URL jdbc:oracle:thin:@db:1521/berth");
	}

	@Test
	void refusesAMistypedCommandWithTheUsage() throws Exception {
		Run run = DbMigrateJar.run(DbMigrateJar.datasource(postgresql), "cpoy");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.output()).contains("unknown command cpoy").contains("usage: db-migrate [copy]");
	}

	/**
	 * Runs {@code java -jar app.jar copy} into {@code target}, in batches of two rows.
	 */
	private static Run copy(JdbcDatabaseContainer<?> source, JdbcDatabaseContainer<?> target) throws Exception {
		Map<String, String> environment = new HashMap<>(DbMigrateJar.datasource(target));
		environment.put("BERTH_DB_COPY_SOURCE_URL", source.getJdbcUrl());
		environment.put("BERTH_DB_COPY_SOURCE_USERNAME", source.getUsername());
		environment.put("BERTH_DB_COPY_SOURCE_PASSWORD", source.getPassword());
		environment.put("BERTH_DB_COPY_BATCH_SIZE", "2");
		return DbMigrateJar.run(environment, "copy");
	}

	private static void assertVerified(Run run, String table, int rows) {
		assertThat(run.output()).containsPattern(
				"verify " + table + ": rows " + rows + " -> " + rows + ", sha-256 ([0-9a-f]{64}) -> \\1: match");
	}

	private static void assertRefused(Run run, String reason) {
		assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
		assertThat(run.output()).contains(reason).doesNotContain("\tat ");
	}

	private static void migrate(JdbcDatabaseContainer<?> database, String... extraLocations) {
		DataSource dataSource = dataSource(database);
		String[] locations = Stream
			.concat(MigrationLocations.forDatabase(dataSource).stream(), Arrays.stream(extraLocations))
			.toArray(String[]::new);
		Flyway.configure().dataSource(dataSource).locations(locations).load().migrate();
	}

	private static void insertSamples(JdbcDatabaseContainer<?> database) throws SQLException {
		for (PredictionRow row : samples()) {
			insert(database, row);
		}
		insertJob(database);
		if (rows(database, "model_note") != null) {
			execute(database, "INSERT INTO correction_note (id, prediction_id, note) VALUES"
					+ " (5, 1000, 'looks like a 9'), (3, 2, NULL)");
			// Key order differs by engine collation: code point order is Zeta, alpha,
			// beta, Émile.
			execute(database, "INSERT INTO model_note (model_name, note) VALUES"
					+ " ('beta', 'b'), ('Zeta', NULL), ('Émile', 'é'), ('alpha', 'a')");
		}
	}

	/**
	 * A batch job whose items hold pictures larger than a MariaDB BLOB (64 KB) and every
	 * byte value, one of them the source of prediction 7.
	 */
	private static void insertJob(JdbcDatabaseContainer<?> database) throws SQLException {
		byte[] large = new byte[3 << 20];
		new Random(7).nextBytes(large);
		byte[] everyByte = new byte[256];
		for (int i = 0; i < everyByte.length; i++) {
			everyByte[i] = (byte) i;
		}
		try (Connection c = dataSource(database).getConnection();
				PreparedStatement job = c.prepareStatement("INSERT INTO batch_job (id, name, created_at, started_at,"
						+ " finished_at, status, total) VALUES (3, 'zahlen-ä.zip', ?, ?, NULL, 'RUNNING', 3)");
				PreparedStatement item = c.prepareStatement("INSERT INTO batch_job_item (id, job_id, position,"
						+ " file_name, picture, status, error, finished_at) VALUES (?, 3, ?, ?, ?, ?, ?, ?)")) {
			job.setObject(1, time(database, Instant.parse("2026-12-04T10:00:00.000001Z")));
			job.setObject(2, time(database, Instant.parse("2026-12-04T10:00:01.5Z")));
			job.executeUpdate();
			Object finished = time(database, Instant.parse("2026-12-04T10:00:02.999999Z"));
			insertItem(item, 10, 0, "a/large.png", large, "DONE", null, finished);
			insertItem(item, 11, 1, "=bytes.jpg", everyByte, "FAILED", "not a picture: ä", finished);
			insertItem(item, 12, 2, "later.png", new byte[] { 1 }, "QUEUED", null, null);
		}
		execute(database, "UPDATE prediction SET job_item_id = 10 WHERE id = 7");
	}

	private static void insertItem(PreparedStatement item, long id, int position, String fileName, byte[] picture,
			String status, String error, Object finishedAt) throws SQLException {
		item.setLong(1, id);
		item.setInt(2, position);
		item.setString(3, fileName);
		item.setBytes(4, picture);
		item.setString(5, status);
		item.setString(6, error);
		item.setObject(7, finishedAt);
		item.executeUpdate();
	}

	/**
	 * The batch job tables and predictions' items as text, read independently of the
	 * copy's code: pictures by length and SHA-256, times as instants.
	 */
	private static List<String> jobs(JdbcDatabaseContainer<?> database) throws Exception {
		List<String> rows = new ArrayList<>();
		MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
		try (Connection c = dataSource(database).getConnection(); Statement s = c.createStatement()) {
			try (ResultSet rs = s.executeQuery("SELECT id, name, created_at, started_at, finished_at, status, total"
					+ " FROM batch_job ORDER BY id")) {
				while (rs.next()) {
					rows.add(String.join("|", rs.getString(1), rs.getString(2),
							String.valueOf(instant(database, rs, 3)), String.valueOf(instant(database, rs, 4)),
							String.valueOf(instant(database, rs, 5)), rs.getString(6), rs.getString(7)));
				}
			}
			try (ResultSet rs = s.executeQuery("SELECT id, job_id, position, file_name, picture, status, error,"
					+ " finished_at FROM batch_job_item ORDER BY id")) {
				while (rs.next()) {
					byte[] picture = rs.getBytes(5);
					rows.add(String.join("|", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
							picture.length + ":" + HEX.formatHex(sha256.digest(picture)), rs.getString(6),
							rs.getString(7), String.valueOf(instant(database, rs, 8))));
				}
			}
			try (ResultSet rs = s
				.executeQuery("SELECT id, job_item_id FROM prediction WHERE job_item_id IS NOT NULL ORDER BY id")) {
				while (rs.next()) {
					rows.add("prediction " + rs.getString(1) + " <- item " + rs.getString(2));
				}
			}
		}
		return rows;
	}

	private static void insert(JdbcDatabaseContainer<?> database, PredictionRow row) throws SQLException {
		try (Connection c = dataSource(database).getConnection();
				PreparedStatement insert = c.prepareStatement("INSERT INTO prediction (id, created_at, model_name,"
						+ " model_version, predicted_label, confidence, probabilities, corrected_label, corrected_at,"
						+ " pixels) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
			insert.setLong(1, row.id());
			insert.setObject(2, time(database, row.createdAt()));
			insert.setString(3, row.modelName());
			insert.setString(4, row.modelVersion());
			insert.setInt(5, row.predictedLabel());
			insert.setDouble(6, row.confidence());
			insert.setString(7, row.probabilities());
			insert.setObject(8, row.correctedLabel());
			insert.setObject(9, time(database, row.correctedAt()));
			insert.setBytes(10, HEX.parseHex(row.pixels()));
			insert.executeUpdate();
		}
	}

	/** Inserts a row without an id, as the web app does; returns the id it got. */
	private static long insertNewPrediction(JdbcDatabaseContainer<?> database) throws SQLException {
		try (Connection c = dataSource(database).getConnection();
				PreparedStatement insert = c.prepareStatement("INSERT INTO prediction (created_at, model_name,"
						+ " model_version, predicted_label, confidence, probabilities, pixels)"
						+ " VALUES (?, 'mnist', '1', 1, 0.5, '[0.5,0.5]', ?)", new String[] { "id" })) {
			insert.setObject(1, time(database, Instant.parse("2026-12-05T00:00:00Z")));
			insert.setBytes(2, new byte[784]);
			insert.executeUpdate();
			try (ResultSet keys = insert.getGeneratedKeys()) {
				keys.next();
				return keys.getLong(1);
			}
		}
	}

	private static List<PredictionRow> predictions(JdbcDatabaseContainer<?> database) throws SQLException {
		List<PredictionRow> rows = new ArrayList<>();
		try (Connection c = dataSource(database).getConnection();
				Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("SELECT id, created_at, model_name, model_version, predicted_label,"
						+ " confidence, probabilities, corrected_label, corrected_at, pixels FROM prediction ORDER BY id")) {
			while (rs.next()) {
				rows.add(new PredictionRow(rs.getLong(1), instant(database, rs, 2), rs.getString(3), rs.getString(4),
						rs.getInt(5), rs.getDouble(6), rs.getString(7), rs.getObject(8, Integer.class),
						instant(database, rs, 9), HEX.formatHex(rs.getBytes(10))));
			}
		}
		return rows;
	}

	/**
	 * Every row of a table as text, in the first column's order; {@code null} when there
	 * is no such table.
	 */
	private static List<List<String>> rows(JdbcDatabaseContainer<?> database, String table) throws SQLException {
		try (Connection c = dataSource(database).getConnection(); Statement s = c.createStatement()) {
			if (!tables(c).contains(table)) {
				return null;
			}
			List<List<String>> rows = new ArrayList<>();
			try (ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
				while (rs.next()) {
					List<String> row = new ArrayList<>();
					for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
						row.add(rs.getString(i));
					}
					rows.add(row);
				}
			}
			rows.sort((a, b) -> a.get(0).compareTo(b.get(0)));
			return rows;
		}
	}

	private static Object time(JdbcDatabaseContainer<?> database, Instant instant) {
		if (instant == null) {
			return null;
		}
		return isPostgreSql(database) ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC)
				: LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	private static Instant instant(JdbcDatabaseContainer<?> database, ResultSet rs, int column) throws SQLException {
		if (isPostgreSql(database)) {
			OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
			return (time != null) ? time.toInstant() : null;
		}
		LocalDateTime utc = rs.getObject(column, LocalDateTime.class);
		return (utc != null) ? utc.toInstant(ZoneOffset.UTC) : null;
	}

	private static void dropTables(JdbcDatabaseContainer<?> database) throws SQLException {
		try (Connection c = dataSource(database).getConnection(); Statement s = c.createStatement()) {
			List<String> tables = tables(c);
			if (tables.isEmpty()) {
				return;
			}
			if (!isPostgreSql(database)) {
				s.execute("SET FOREIGN_KEY_CHECKS = 0");
			}
			s.execute("DROP TABLE " + String.join(", ", tables) + (isPostgreSql(database) ? " CASCADE" : ""));
		}
	}

	private static List<String> tables(Connection c) throws SQLException {
		List<String> names = new ArrayList<>();
		try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), null, new String[] { "TABLE" })) {
			while (rs.next()) {
				names.add(rs.getString("TABLE_NAME").toLowerCase());
			}
		}
		return names;
	}

	private static void execute(JdbcDatabaseContainer<?> database, String sql) throws SQLException {
		try (Connection c = dataSource(database).getConnection(); Statement s = c.createStatement()) {
			s.execute(sql);
		}
	}

	private static boolean isPostgreSql(JdbcDatabaseContainer<?> database) {
		return database.getJdbcUrl().startsWith("jdbc:postgresql:");
	}

	private static DataSource dataSource(JdbcDatabaseContainer<?> database) {
		return new DriverManagerDataSource(database.getJdbcUrl(), database.getUsername(), database.getPassword());
	}

}
