package dev.berth.db.copy;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies every row of the schema from a source database to an empty target at the same
 * schema version, in one transaction on the target, and commits only once every table's
 * row count and checksum match on both sides.
 */
final class DatabaseCopy {

	private static final Logger log = LoggerFactory.getLogger(DatabaseCopy.class);

	private final Database source;

	private final Database target;

	private final String historyTable;

	private final int batchSize;

	/** The source's tables by {@link Table#key()}, once they match the target's. */
	private Map<String, Table> sourceTables = Map.of();

	DatabaseCopy(Database source, Database target, String historyTable, int batchSize) {
		this.source = source;
		this.target = target;
		this.historyTable = historyTable;
		this.batchSize = batchSize;
	}

	/** One table's outcome: rows and checksum on each side. */
	record Result(String table, long sourceRows, String sourceChecksum, long targetRows, String targetChecksum) {

		boolean matches() {
			return this.sourceRows == this.targetRows && this.sourceChecksum.equals(this.targetChecksum);
		}

		@Override
		public String toString() {
			return "%s: rows %d -> %d, sha-256 %s -> %s: %s".formatted(this.table, this.sourceRows, this.targetRows,
					this.sourceChecksum, this.targetChecksum, matches() ? "match" : "MISMATCH");
		}

	}

	/**
	 * Copies, verifies, and commits when everything matches (else rolls back).
	 * @return every table's result, in copy order
	 * @throws CopyRefusedException before anything is written, when the databases are not
	 * fit for the copy
	 */
	List<Result> run() throws SQLException {
		log.info("source: {}", this.source.describe());
		log.info("target: {}", this.target.describe());
		String version = sameSchemaVersion();
		List<Table> order = TableOrder.parentsFirst(sameTables().values());
		requireEmptyTarget(order);
		log.info("copying at schema version {}, parents before children: {}", version,
				order.stream().map(Table::name).collect(Collectors.joining(", ")));

		List<Result> results = new ArrayList<>();
		try {
			Map<Table, TableChecksum> copied = new LinkedHashMap<>();
			for (Table table : order) {
				TableChecksum checksum = copy(table);
				copied.put(table, checksum);
				log.info("{}: {} rows copied", table.name(), checksum.rows());
			}
			for (Table table : order) {
				this.target.continueIdentities(table).forEach(log::info);
			}
			for (Map.Entry<Table, TableChecksum> entry : copied.entrySet()) {
				Table table = entry.getKey();
				TableChecksum targetChecksum = checksum(this.target, table);
				long targetRows = this.target.count(table);
				results.add(new Result(table.name(), entry.getValue().rows(), entry.getValue().hex(), targetRows,
						targetChecksum.hex()));
			}
		}
		catch (SQLException | RuntimeException ex) {
			this.target.rollback();
			throw ex;
		}
		results.forEach((result) -> log.info("verify {}", result));
		if (results.stream().allMatch(Result::matches)) {
			this.target.commit();
			log.info("committed {} rows in {}; every row count and checksum matches",
					results.stream().mapToLong(Result::targetRows).sum(),
					results.stream().map(Result::table).collect(Collectors.joining(", ")));
		}
		else {
			this.target.rollback();
			log.error("rolled back: the target differs from the source in {}; the target is left empty",
					results.stream().filter((r) -> !r.matches()).map(Result::table).collect(Collectors.joining(", ")));
		}
		return results;
	}

	private String sameSchemaVersion() throws SQLException {
		String sourceVersion = this.source.schemaVersion(this.historyTable);
		String targetVersion = this.target.schemaVersion(this.historyTable);
		if (!sourceVersion.equals(targetVersion)) {
			throw new CopyRefusedException("the source is at schema version " + sourceVersion + ", the target at "
					+ targetVersion + ": run db-migrate against both so that their versions match");
		}
		return sourceVersion;
	}

	/**
	 * The target's tables, once each matches the source's: same names, columns, column
	 * kinds and primary key.
	 */
	private Map<String, Table> sameTables() throws SQLException {
		Map<String, Table> sourceTables = this.source.tables(this.historyTable);
		Map<String, Table> targetTables = this.target.tables(this.historyTable);
		this.sourceTables = sourceTables;
		if (!sourceTables.keySet().equals(targetTables.keySet())) {
			throw new CopyRefusedException("the schemas differ: tables only in the source "
					+ missing(sourceTables.keySet(), targetTables.keySet()) + ", only in the target "
					+ missing(targetTables.keySet(), sourceTables.keySet()));
		}
		for (Table targetTable : targetTables.values()) {
			Table sourceTable = sourceTables.get(targetTable.key());
			Set<String> sourceColumns = sourceTable.columns()
				.stream()
				.map((c) -> Table.key(c.name()))
				.collect(Collectors.toCollection(TreeSet::new));
			Set<String> targetColumns = targetTable.columns()
				.stream()
				.map((c) -> Table.key(c.name()))
				.collect(Collectors.toCollection(TreeSet::new));
			if (!sourceColumns.equals(targetColumns)) {
				throw new CopyRefusedException("the schemas differ in table " + targetTable.name()
						+ ": columns only in the source " + missing(sourceColumns, targetColumns)
						+ ", only in the target " + missing(targetColumns, sourceColumns));
			}
			for (Column column : targetTable.columns()) {
				Column sourceColumn = sourceTable.column(column.name()).orElseThrow();
				if (sourceColumn.kind() != column.kind()) {
					throw new CopyRefusedException("column " + targetTable.name() + "." + column.name() + " is "
							+ sourceColumn.typeName() + " in the source but " + column.typeName() + " in the target");
				}
			}
			if (!sourceTable.primaryKey()
				.stream()
				.map(Table::key)
				.toList()
				.equals(targetTable.primaryKey().stream().map(Table::key).toList())) {
				throw new CopyRefusedException(
						"table " + targetTable.name() + " has primary key " + sourceTable.primaryKey()
								+ " in the source but " + targetTable.primaryKey() + " in the target");
			}
		}
		return targetTables;
	}

	private void requireEmptyTarget(List<Table> tables) throws SQLException {
		List<String> filled = new ArrayList<>();
		for (Table table : tables) {
			long rows = this.target.count(table);
			if (rows > 0) {
				filled.add(table.name() + " " + rows);
			}
		}
		if (!filled.isEmpty()) {
			throw new CopyRefusedException("the target already holds rows (" + String.join(", ", filled)
					+ "): the copy fills only an empty database; give it a new one, migrated by db-migrate");
		}
	}

	/** Copies one table in batches; returns the source's count and checksum. */
	private TableChecksum copy(Table targetTable) throws SQLException {
		Table sourceTable = this.sourceTables.get(targetTable.key());
		List<Column> sourceColumns = targetTable.columns()
			.stream()
			.map((column) -> sourceTable.column(column.name()).orElseThrow())
			.toList();
		TableChecksum checksum = new TableChecksum();
		try (PreparedStatement insert = this.target.connection().prepareStatement(this.target.insert(targetTable))) {
			int[] pending = { 0 };
			this.source.readInKeyOrder(sourceTable, sourceColumns, this.batchSize, (values) -> {
				String[] canonical = new String[values.length];
				for (int i = 0; i < values.length; i++) {
					targetTable.columns().get(i).write(insert, i + 1, values[i]);
					canonical[i] = sourceColumns.get(i).canonical(values[i]);
				}
				checksum.add(canonical);
				insert.addBatch();
				if (++pending[0] == this.batchSize) {
					insert.executeBatch();
					pending[0] = 0;
				}
			});
			if (pending[0] > 0) {
				insert.executeBatch();
			}
		}
		return checksum;
	}

	/** The target's count and checksum, read back inside the copy's transaction. */
	private TableChecksum checksum(Database database, Table table) throws SQLException {
		TableChecksum checksum = new TableChecksum();
		database.readInKeyOrder(table, table.columns(), this.batchSize, (values) -> {
			String[] canonical = new String[values.length];
			for (int i = 0; i < values.length; i++) {
				canonical[i] = table.columns().get(i).canonical(values[i]);
			}
			checksum.add(canonical);
		});
		return checksum;
	}

	private static String missing(Set<String> in, Set<String> notIn) {
		Set<String> only = new TreeSet<>(in);
		only.removeAll(notIn);
		return only.isEmpty() ? "(none)" : String.join(", ", only);
	}

}
