package dev.berth.db.copy;

/** The engines the copy reads and writes, and where their SQL differs. */
enum Engine {

	MARIADB, MYSQL, POSTGRESQL;

	/** The engine of a JDBC driver's {@code getDatabaseProductName()}. */
	static Engine of(String product) {
		return switch (product) {
			case "MariaDB" -> MARIADB;
			case "MySQL" -> MYSQL;
			case "PostgreSQL" -> POSTGRESQL;
			default -> throw new CopyRefusedException(
					"the copy works between MariaDB, MySQL and PostgreSQL, not with " + product);
		};
	}

	/**
	 * An ORDER BY term for a key column that sorts alike on every engine: text by code
	 * point (each engine's default collation sorts it its own way); numbers, times and
	 * bytes sort alike already.
	 */
	String sortKey(String quotedColumn, Column column) {
		if (column.kind() != ColumnKind.TEXT) {
			return quotedColumn;
		}
		return switch (this) {
			case MARIADB, MYSQL -> "CONVERT(" + quotedColumn + " USING utf8mb4) COLLATE utf8mb4_bin";
			case POSTGRESQL -> quotedColumn + " COLLATE \"C\"";
		};
	}

}
