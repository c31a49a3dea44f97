package dev.berth.db.copy;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TableChecksumTest {

	@Test
	void theSameRowsInTheSameOrderGiveTheSameChecksum() {
		assertThat(checksum(new String[] { "1", "a" }, new String[] { "2", null }))
			.isEqualTo(checksum(new String[] { "1", "a" }, new String[] { "2", null }));
	}

	@Test
	void nullEmptyTextAndShiftedValuesAreAllDifferentRows() {
		String nullValue = checksum(new String[] { "1", null });
		String empty = checksum(new String[] { "1", "" });
		String shifted = checksum(new String[] { "1a", "" });
		String original = checksum(new String[] { "1", "a" });

		assertThat(new String[] { nullValue, empty, shifted, original }).doesNotHaveDuplicates();
	}

	@Test
	void countsRows() {
		TableChecksum checksum = new TableChecksum();
		checksum.add(new String[] { "1" });
		checksum.add(new String[] { "2" });

		assertThat(checksum.rows()).isEqualTo(2);
		assertThat(checksum.hex()).hasSize(64).isEqualTo(checksum.hex());
	}

	@Test
	void canonicalValuesAreExactAndTheSameWhateverTheEngineCallsTheType() {
		assertThat(column(Types.DOUBLE, "float8", ColumnKind.DOUBLE).canonical(0.1 + 0.2))
			.isEqualTo("0.30000000000000004");
		assertThat(column(Types.DECIMAL, "numeric", ColumnKind.DECIMAL).canonical(new BigDecimal("1.500")))
			.isEqualTo(column(Types.DECIMAL, "DECIMAL", ColumnKind.DECIMAL).canonical(new BigDecimal("1.5")));
		assertThat(column(Types.VARBINARY, "VARBINARY", ColumnKind.BYTES).canonical(new byte[] { 0, (byte) 0xff }))
			.isEqualTo("00ff");
		assertThat(column(Types.TIMESTAMP, "DATETIME", ColumnKind.INSTANT)
			.canonical(Instant.parse("2026-01-02T03:04:05.123456Z"))).isEqualTo("2026-01-02T03:04:05.123456Z");
		assertThat(column(Types.INTEGER, "int4", ColumnKind.INTEGER).canonical(null)).isNull();
	}

	@Test
	void onlyPostgreSqlsTimestamptzIsReadAsAnInstantWithItsZone() {
		assertThat(column(Types.TIMESTAMP, "timestamptz", ColumnKind.INSTANT).zoned()).isTrue();
		assertThat(column(Types.TIMESTAMP_WITH_TIMEZONE, "TIMESTAMP WITH TIME ZONE", ColumnKind.INSTANT).zoned())
			.isTrue();
		assertThat(column(Types.TIMESTAMP, "DATETIME", ColumnKind.INSTANT).zoned()).isFalse();
		assertThat(column(Types.TIMESTAMP, "timestamp", ColumnKind.INSTANT).zoned()).isFalse();
	}

	private static String checksum(String[]... rows) {
		TableChecksum checksum = new TableChecksum();
		for (String[] row : rows) {
			checksum.add(row);
		}
		return checksum.hex();
	}

	private static Column column(int jdbcType, String typeName, ColumnKind kind) {
		return new Column("c", jdbcType, typeName, kind);
	}

}
