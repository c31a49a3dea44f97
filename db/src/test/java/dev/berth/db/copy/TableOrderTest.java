package dev.berth.db.copy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TableOrderTest {

	@Test
	void everyTableComesAfterTheTablesItReferences() {
		List<Table> order = TableOrder.parentsFirst(List.of(table("a_note", "prediction"), table("prediction"),
				table("b_vote", "a_note", "prediction"), table("model")));

		assertThat(order).extracting(Table::name).containsExactly("model", "prediction", "a_note", "b_vote");
	}

	@Test
	void aTableThatReferencesItselfOrATableNotCopiedDoesNotWait() {
		List<Table> order = TableOrder
			.parentsFirst(List.of(new Table("prediction", List.of(), List.of("id"), Set.of("elsewhere"))));

		assertThat(order).extracting(Table::name).containsExactly("prediction");
	}

	@Test
	void tablesThatReferenceEachOtherAreRefusedByName() {
		assertThatExceptionOfType(CopyRefusedException.class)
			.isThrownBy(() -> TableOrder.parentsFirst(List.of(table("a", "b"), table("b", "a"), table("c"))))
			.withMessage("tables a, b reference each other in a cycle: no insert order keeps their foreign keys");
	}

	private static Table table(String name, String... parents) {
		return new Table(name, List.of(), List.of("id"), Set.of(parents));
	}

}
