package dev.berth.db.copy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The order in which rows can be inserted without breaking a foreign key: every table
 * after the tables it references, ties in name order.
 */
final class TableOrder {

	private TableOrder() {
	}

	/**
	 * @throws CopyRefusedException when tables reference each other in a cycle, which no
	 * order satisfies
	 */
	static List<Table> parentsFirst(Collection<Table> tables) {
		Map<String, Table> remaining = tables.stream()
			.collect(Collectors.toMap(Table::key, Function.identity(), (a, b) -> a, TreeMap::new));
		Set<String> known = new HashSet<>(remaining.keySet());
		List<Table> ordered = new ArrayList<>();
		Set<String> placed = new HashSet<>();
		while (!remaining.isEmpty()) {
			List<Table> ready = remaining.values()
				.stream()
				.filter((table) -> table.parents().stream().filter(known::contains).allMatch(placed::contains))
				.toList();
			if (ready.isEmpty()) {
				throw new CopyRefusedException("tables " + String.join(", ", remaining.keySet())
						+ " reference each other in a cycle: no insert order keeps their foreign keys");
			}
			for (Table table : ready) {
				ordered.add(table);
				placed.add(table.key());
				remaining.remove(table.key());
			}
		}
		return ordered;
	}

}
