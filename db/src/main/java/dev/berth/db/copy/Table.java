package dev.berth.db.copy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A table as one engine defines it.
 *
 * @param name its name as that engine spells it
 * @param columns its columns, in their order
 * @param primaryKey the names of its primary key's columns, in key order
 * @param parents the tables its foreign keys reference (by {@link #key()}), itself
 * excluded
 */
record Table(String name, List<Column> columns, List<String> primaryKey, Set<String> parents) {

	/**
	 * The name by which tables on different engines match (PostgreSQL folds to lower
	 * case).
	 */
	String key() {
		return key(this.name);
	}

	static String key(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

	Optional<Column> column(String name) {
		return this.columns.stream().filter((column) -> key(column.name()).equals(key(name))).findFirst();
	}

}
