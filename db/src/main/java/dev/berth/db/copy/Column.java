package dev.berth.db.copy;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * A column as one engine defines it: its name as that engine spells it, its JDBC type and
 * the engine's own type name, and the {@link ColumnKind} the copy carries it as.
 *
 * @param name the column's name in its database
 * @param jdbcType its {@link Types} code, as the driver reports it
 * @param typeName the engine's name for its type, e.g. {@code timestamptz}
 * @param kind how the copy reads, writes and compares it
 */
record Column(String name, int jdbcType, String typeName, ColumnKind kind) {

	private static final HexFormat HEX = HexFormat.of();

	/**
	 * A timestamp that stores an instant (PostgreSQL's timestamptz) rather than a
	 * wall-clock time (DATETIME, TIMESTAMP WITHOUT TIME ZONE), which Berth keeps in UTC.
	 */
	boolean zoned() {
		return this.jdbcType == Types.TIMESTAMP_WITH_TIMEZONE || "timestamptz".equalsIgnoreCase(this.typeName);
	}

	/** Reads this column's value from the current row, or {@code null}. */
	Object read(ResultSet row, int index) throws SQLException {
		Object value = switch (this.kind) {
			case INTEGER -> row.getLong(index);
			case DECIMAL -> row.getBigDecimal(index);
			case REAL -> row.getFloat(index);
			case DOUBLE -> row.getDouble(index);
			case TEXT -> row.getString(index);
			case BYTES -> row.getBytes(index);
			case INSTANT -> zoned() ? instant(row.getObject(index, OffsetDateTime.class))
					: instant(row.getObject(index, LocalDateTime.class));
			case DATE -> row.getObject(index, LocalDate.class);
			case TIME -> row.getObject(index, LocalTime.class);
			case BOOLEAN -> row.getBoolean(index);
		};
		return row.wasNull() ? null : value;
	}

	/** Binds a value read by {@link #read} (from any engine) as this column's type. */
	void write(PreparedStatement insert, int index, Object value) throws SQLException {
		if (value == null) {
			insert.setNull(index, this.jdbcType);
			return;
		}
		switch (this.kind) {
			case INTEGER -> insert.setLong(index, (Long) value);
			case DECIMAL -> insert.setBigDecimal(index, (BigDecimal) value);
			case REAL -> insert.setFloat(index, (Float) value);
			case DOUBLE -> insert.setDouble(index, (Double) value);
			case TEXT -> insert.setString(index, (String) value);
			case BYTES -> insert.setBytes(index, (byte[]) value);
			case INSTANT -> insert.setObject(index, zoned() ? OffsetDateTime.ofInstant((Instant) value, ZoneOffset.UTC)
					: LocalDateTime.ofInstant((Instant) value, ZoneOffset.UTC));
			case DATE, TIME -> insert.setObject(index, value);
			case BOOLEAN -> insert.setBoolean(index, (Boolean) value);
		}
	}

	/**
	 * The value as text that is the same on every engine (exact for numbers, hex for
	 * bytes, ISO-8601 UTC for instants), or {@code null}.
	 */
	String canonical(Object value) {
		if (value == null) {
			return null;
		}
		return switch (this.kind) {
			case DECIMAL -> ((BigDecimal) value).stripTrailingZeros().toPlainString();
			case BYTES -> HEX.formatHex((byte[]) value);
			// Long, Float and Double print the shortest text that reads back exactly.
			default -> value.toString();
		};
	}

	private static Instant instant(OffsetDateTime time) {
		return (time != null) ? time.toInstant() : null;
	}

	private static Instant instant(LocalDateTime utc) {
		return (utc != null) ? utc.toInstant(ZoneOffset.UTC) : null;
	}

}
