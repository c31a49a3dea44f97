package dev.berth.web.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;

/**
 * Holds startup until the database has the schema version the entities need: where web
 * starts alongside db-migrate instead of after it (Docker Swarm), Hibernate would
 * otherwise fail its validation against a schema that is still missing or old. Polls
 * Flyway's history table with plain JDBC; the entity manager factory waits for this bean
 * (see {@link SchemaWaitConfiguration}).
 */
class SchemaVersionWait implements InitializingBean {

	private static final Logger log = LoggerFactory.getLogger(SchemaVersionWait.class);

	/** Where db-migrate's Flyway records what it applied (Flyway's default name). */
	static final String HISTORY_TABLE = "flyway_schema_history";

	private static final Duration POLL_INTERVAL = Duration.ofSeconds(2);

	private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

	private final DataSource dataSource;

	private final SchemaVersion required;

	private final Duration timeout;

	SchemaVersionWait(DataSource dataSource, SchemaProperties properties) {
		this.dataSource = dataSource;
		this.required = properties.required();
		this.timeout = properties.waitTimeout();
	}

	@Override
	public void afterPropertiesSet() throws InterruptedException {
		long start = System.nanoTime();
		long nextLog = start;
		while (true) {
			Status status = status();
			if (status.reaches(this.required)) {
				log.info("Database schema is at version {} (web needs {})", status.version(), this.required);
				return;
			}
			long now = System.nanoTime();
			long left = this.timeout.toNanos() - (now - start);
			if (left <= 0) {
				throw new SchemaNotReadyException(this.required, status, this.timeout);
			}
			if (now - nextLog >= 0) {
				log.info("Waiting for database schema version {} ({}); db-migrate applies it", this.required, status);
				nextLog = now + LOG_INTERVAL.toNanos();
			}
			Thread.sleep(Duration.ofNanos(Math.min(POLL_INTERVAL.toNanos(), left)));
		}
	}

	/** The highest version Flyway applied successfully, or why there is none. */
	private Status status() {
		try (Connection connection = this.dataSource.getConnection()) {
			if (!historyTableExists(connection)) {
				return Status.NO_SCHEMA;
			}
			SchemaVersion highest = null;
			try (Statement statement = connection.createStatement();
					ResultSet rows = statement
						.executeQuery("SELECT version, success FROM " + HISTORY_TABLE + " WHERE version IS NOT NULL")) {
				while (rows.next()) {
					SchemaVersion version = SchemaVersion.parse(rows.getString(1));
					if (rows.getBoolean(2) && (highest == null || version.isAtLeast(highest))) {
						highest = version;
					}
				}
			}
			return (highest != null) ? new Status(highest, "found " + highest) : Status.NO_SCHEMA;
		}
		catch (SQLException ex) {
			return new Status(null, "database unreachable: " + ex.getMessage());
		}
	}

	private static boolean historyTableExists(Connection connection) throws SQLException {
		try (ResultSet tables = connection.getMetaData()
			.getTables(connection.getCatalog(), connection.getSchema(), HISTORY_TABLE, new String[] { "TABLE" })) {
			return tables.next();
		}
	}

	/**
	 * What the database has: a schema version, or none, with how to say so in the log.
	 */
	record Status(SchemaVersion version, String description) {

		static final Status NO_SCHEMA = new Status(null, "no schema yet");

		boolean reaches(SchemaVersion required) {
			return this.version != null && this.version.isAtLeast(required);
		}

		@Override
		public String toString() {
			return this.description;
		}

	}

}
