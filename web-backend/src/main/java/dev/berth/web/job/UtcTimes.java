package dev.berth.web.job;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Calendar;
import java.util.TimeZone;

/**
 * Instants in plain JDBC, stored as Hibernate stores them
 * ({@code hibernate.jdbc.time_zone: UTC}): MariaDB's DATETIME(6) holds UTC wall-clock
 * time whatever the JVM's zone, PostgreSQL's timestamptz the instant itself.
 */
final class UtcTimes {

	private UtcTimes() {
	}

	/**
	 * Now, in microseconds: what DATETIME(6) keeps, so what a worker writes is what the
	 * API reads back.
	 */
	static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

	static void set(PreparedStatement statement, int index, Instant instant) throws SQLException {
		if (instant == null) {
			statement.setNull(index, java.sql.Types.TIMESTAMP);
		}
		else {
			statement.setTimestamp(index, Timestamp.from(instant), utc());
		}
	}

	static Instant get(ResultSet row, String column) throws SQLException {
		Timestamp timestamp = row.getTimestamp(column, utc());
		return timestamp == null ? null : timestamp.toInstant();
	}

	// A Calendar is mutable: one per call.
	private static Calendar utc() {
		return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
	}

}
