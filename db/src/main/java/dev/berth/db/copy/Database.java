package dev.berth.db.copy;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One side of the copy: a connection, its engine, and what the copy asks of it (its
 * tables as the driver's metadata describes them, its Flyway schema version, its rows in
 * primary-key order).
 */
final class Database implements AutoCloseable {

	private final String role;

	private final Connection connection;

	private final Engine engine;

	private final DatabaseMetaData metadata;

	private final String quote;

	private Database(String role, Connection connection) throws SQLException {
		this.role = role;
		this.connection = connection;
		this.metadata = connection.getMetaData();
		this.engine = Engine.of(this.metadata.getDatabaseProductName());
		String quote = this.metadata.getIdentifierQuoteString();
		this.quote = (quote == null || quote.isBlank()) ? "" : quote;
	}

	/**
	 * The database to copy from, read in one transaction (a consistent snapshot of every
	 * table).
	 */
	static Database source(Connection connection) throws SQLException {
		connection.setReadOnly(true);
		connection.setAutoCommit(false);
		connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
		return new Database("source", connection);
	}

	/** The database to copy to, written in one transaction. */
	static Database target(Connection connection) throws SQLException {
		connection.setAutoCommit(false);
		return new Database("target", connection);
	}

	String role() {
		return this.role;
	}

	Engine engine() {
		return this.engine;
	}

	Connection connection() {
		return this.connection;
	}

	/** The engine, its version and the URL, for the log. */
	String describe() throws SQLException {
		return this.metadata.getDatabaseProductName() + " " + this.metadata.getDatabaseProductVersion() + " at "
				+ this.metadata.getURL();
	}

	String quote(String identifier) {
		return this.quote + identifier.replace(this.quote, this.quote + this.quote) + this.quote;
	}

	/** The schema's tables by {@link Table#key()}, Flyway's history excepted. */
	Map<String, Table> tables(String historyTable) throws SQLException {
		Map<String, Table> tables = new TreeMap<>();
		for (String name : tableNames()) {
			if (!Table.key(name).equals(Table.key(historyTable))) {
				tables.put(Table.key(name), table(name));
			}
		}
		return tables;
	}

	/**
	 * The schema version Flyway recorded: the last applied versioned migration.
	 * @throws CopyRefusedException when there is no history or a failed migration in it
	 */
	String schemaVersion(String historyTable) throws SQLException {
		String history = tableNames().stream()
			.filter((name) -> Table.key(name).equals(Table.key(historyTable)))
			.findFirst()
			.orElseThrow(() -> new CopyRefusedException("the " + this.role + " database has no Flyway history ("
					+ historyTable + "): run db-migrate against it first"));
		String version = null;
		try (Statement statement = this.connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT version, success FROM " + quote(history)
						+ " WHERE version IS NOT NULL ORDER BY installed_rank")) {
			while (rows.next()) {
				version = rows.getString(1);
				if (!rows.getBoolean(2)) {
					throw new CopyRefusedException("the " + this.role + " database's migration to version " + version
							+ " failed: repair it before copying");
				}
			}
		}
		if (version == null) {
			throw new CopyRefusedException(
					"the " + this.role + " database has no applied migration: run db-migrate against it first");
		}
		return version;
	}

	long count(Table table) throws SQLException {
		try (Statement statement = this.connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + quote(table.name()))) {
			rows.next();
			return rows.getLong(1);
		}
	}

	/**
	 * Reads {@code columns} of every row in primary-key order (sorted alike on every
	 * engine), streaming rather than holding the table in memory where the driver can.
	 */
	void readInKeyOrder(Table table, List<Column> columns, int fetchSize, RowHandler handler) throws SQLException {
		String select = "SELECT "
				+ columns.stream().map((column) -> quote(column.name())).collect(Collectors.joining(", ")) + " FROM "
				+ quote(table.name()) + " ORDER BY "
				+ table.primaryKey()
					.stream()
					.map((key) -> this.engine.sortKey(quote(key), table.column(key).orElseThrow()))
					.collect(Collectors.joining(", "));
		try (Statement statement = this.connection.createStatement(ResultSet.TYPE_FORWARD_ONLY,
				ResultSet.CONCUR_READ_ONLY)) {
			statement.setFetchSize(fetchSize);
			try (ResultSet rows = statement.executeQuery(select)) {
				Object[] values = new Object[columns.size()];
				while (rows.next()) {
					for (int i = 0; i < values.length; i++) {
						values[i] = columns.get(i).read(rows, i + 1);
					}
					handler.row(values);
				}
			}
		}
	}

	/** The INSERT of every column of {@code table}, one placeholder each. */
	String insert(Table table) throws SQLException {
		// PostgreSQL takes given ids for GENERATED ALWAYS identities only so.
		boolean overriding = this.engine == Engine.POSTGRESQL && !identityColumns(table).isEmpty();
		return "INSERT INTO " + quote(table.name()) + " ("
				+ table.columns().stream().map((column) -> quote(column.name())).collect(Collectors.joining(", ")) + ")"
				+ (overriding ? " OVERRIDING SYSTEM VALUE" : "") + " VALUES ("
				+ table.columns().stream().map((column) -> "?").collect(Collectors.joining(", ")) + ")";
	}

	/**
	 * Moves the table's identity sequences past the copied ids, so that the next row
	 * inserted without an id does not collide with one; returns what it did, for the log.
	 * MariaDB's and MySQL's AUTO_INCREMENT follows inserted ids by itself.
	 */
	List<String> continueIdentities(Table table) throws SQLException {
		List<String> done = new ArrayList<>();
		for (String column : identityColumns(table)) {
			try (PreparedStatement setval = this.connection
				.prepareStatement("SELECT setval(pg_get_serial_sequence(?, ?), MAX(" + quote(column) + ")) FROM "
						+ quote(table.name()))) {
				setval.setString(1, quote(table.name()));
				setval.setString(2, column);
				try (ResultSet result = setval.executeQuery()) {
					result.next();
					long last = result.getLong(1);
					if (!result.wasNull()) {
						done.add(table.name() + "." + column + ": identity sequence set to " + last
								+ ", the next id is " + (last + 1));
					}
				}
			}
		}
		return done;
	}

	private List<String> identityColumns(Table table) throws SQLException {
		if (this.engine != Engine.POSTGRESQL) {
			return List.of();
		}
		List<String> columns = new ArrayList<>();
		try (PreparedStatement query = this.connection
			.prepareStatement("SELECT column_name FROM information_schema.columns"
					+ " WHERE table_schema = current_schema() AND table_name = ?"
					+ " AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')")) {
			query.setString(1, table.name());
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					columns.add(rows.getString(1));
				}
			}
		}
		return columns;
	}

	void commit() throws SQLException {
		this.connection.commit();
	}

	void rollback() throws SQLException {
		this.connection.rollback();
	}

	@Override
	public void close() throws SQLException {
		this.connection.close();
	}

	private List<String> tableNames() throws SQLException {
		List<String> names = new ArrayList<>();
		try (ResultSet rows = this.metadata.getTables(this.connection.getCatalog(), this.connection.getSchema(), null,
				new String[] { "TABLE" })) {
			while (rows.next()) {
				names.add(rows.getString("TABLE_NAME"));
			}
		}
		return names;
	}

	private Table table(String name) throws SQLException {
		String catalog = this.connection.getCatalog();
		String schema = this.connection.getSchema();
		record Position(int ordinal, Column column) {
		}
		List<Position> positions = new ArrayList<>();
		try (ResultSet rows = this.metadata.getColumns(catalog, schema, escapePattern(name), null)) {
			while (rows.next()) {
				if (!name.equals(rows.getString("TABLE_NAME"))) {
					continue;
				}
				String column = rows.getString("COLUMN_NAME");
				int type = rows.getInt("DATA_TYPE");
				String typeName = rows.getString("TYPE_NAME");
				ColumnKind kind = ColumnKind.of(type)
					.orElseThrow(() -> new CopyRefusedException(this.role + " column " + name + "." + column
							+ " is of type " + typeName + ", which the copy does not carry"));
				positions.add(new Position(rows.getInt("ORDINAL_POSITION"), new Column(column, type, typeName, kind)));
			}
		}
		List<Column> columns = positions.stream()
			.sorted(Comparator.comparingInt(Position::ordinal))
			.map(Position::column)
			.toList();
		return new Table(name, columns, primaryKey(catalog, schema, name), parents(catalog, schema, name));
	}

	private List<String> primaryKey(String catalog, String schema, String table) throws SQLException {
		record KeyColumn(int sequence, String name) {
		}
		List<KeyColumn> key = new ArrayList<>();
		try (ResultSet rows = this.metadata.getPrimaryKeys(catalog, schema, table)) {
			while (rows.next()) {
				key.add(new KeyColumn(rows.getInt("KEY_SEQ"), rows.getString("COLUMN_NAME")));
			}
		}
		if (key.isEmpty()) {
			throw new CopyRefusedException(this.role + " table " + table
					+ " has no primary key: the copy compares rows in key order and needs one");
		}
		return key.stream().sorted(Comparator.comparingInt(KeyColumn::sequence)).map(KeyColumn::name).toList();
	}

	private Set<String> parents(String catalog, String schema, String table) throws SQLException {
		Set<String> parents = new LinkedHashSet<>();
		try (ResultSet rows = this.metadata.getImportedKeys(catalog, schema, table)) {
			while (rows.next()) {
				parents.add(Table.key(rows.getString("PKTABLE_NAME")));
			}
		}
		parents.remove(Table.key(table));
		return parents;
	}

	/** A table name as a metadata search pattern, in which _ and % are wildcards. */
	private String escapePattern(String name) throws SQLException {
		String escape = this.metadata.getSearchStringEscape();
		if (escape == null || escape.isEmpty()) {
			return name;
		}
		return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
	}

	/** Receives each row's values as {@link Column#read} returns them. */
	@FunctionalInterface
	interface RowHandler {

		void row(Object[] values) throws SQLException;

	}

}
