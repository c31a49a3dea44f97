package dev.berth.db.copy;

import java.sql.Types;
import java.util.Optional;

/**
 * What a column holds, whatever the engine calls its type: the copy reads every kind into
 * one Java value that both engines agree on, writes it back in the target's type, and
 * compares it by its canonical text.
 */
enum ColumnKind {

	/** BIGINT, INT, SMALLINT, TINYINT: a {@code Long}. */
	INTEGER,

	/** DECIMAL, NUMERIC: a {@code BigDecimal}, compared without trailing zeros. */
	DECIMAL,

	/** 4-byte floating point (FLOAT, REAL): a {@code Float}. */
	REAL,

	/** 8-byte floating point (DOUBLE, DOUBLE PRECISION): a {@code Double}. */
	DOUBLE,

	/** CHAR, VARCHAR, TEXT: a {@code String}. */
	TEXT,

	/** BINARY, VARBINARY, BLOB, BYTEA: a {@code byte[]}. */
	BYTES,

	/**
	 * DATETIME, TIMESTAMP, TIMESTAMP WITH TIME ZONE: an {@code Instant}; times without a
	 * zone are UTC, as Berth stores them.
	 */
	INSTANT,

	/** DATE: a {@code LocalDate}. */
	DATE,

	/** TIME: a {@code LocalTime}. */
	TIME,

	/**
	 * BOOLEAN, BIT (MariaDB's BOOLEAN is TINYINT(1), which its driver reports as BIT).
	 */
	BOOLEAN;

	/** The kind of a column of this JDBC type, if the copy can carry it. */
	static Optional<ColumnKind> of(int jdbcType) {
		return Optional.ofNullable(switch (jdbcType) {
			case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> INTEGER;
			case Types.DECIMAL, Types.NUMERIC -> DECIMAL;
			case Types.REAL -> REAL;
			case Types.FLOAT, Types.DOUBLE -> DOUBLE;
			case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
					Types.CLOB, Types.NCLOB ->
				TEXT;
			case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> BYTES;
			case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> INSTANT;
			case Types.DATE -> DATE;
			case Types.TIME -> TIME;
			case Types.BOOLEAN, Types.BIT -> BOOLEAN;
			default -> null;
		});
	}

}
