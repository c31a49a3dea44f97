package dev.berth.web.schema;

import java.time.Duration;

import dev.berth.web.schema.SchemaVersionWait.Status;

/**
 * The database did not reach the schema version web needs within
 * {@code berth.schema.wait-timeout}.
 */
class SchemaNotReadyException extends RuntimeException {

	SchemaNotReadyException(SchemaVersion required, Status found, Duration waited) {
		super("Database schema version " + required + " not reached within " + readable(waited) + " (" + found
				+ "); db-migrate applies the db module's migrations to this database");
	}

	/** 5m, 30s, 1m30s: as people write durations. */
	private static String readable(Duration duration) {
		return duration.toString().substring(2).toLowerCase();
	}

}
