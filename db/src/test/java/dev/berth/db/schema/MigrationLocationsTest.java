package dev.berth.db.schema;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class MigrationLocationsTest {

	@ParameterizedTest
	@CsvSource({ "MariaDB, mysql", "MySQL, mysql", "PostgreSQL, postgresql" })
	void everySupportedEngineRunsTheCommonMigrationsAndThoseOfItsFamily(String product, String family) {
		assertThat(MigrationLocations.forProduct(product)).containsExactly("classpath:db/migration/common",
				"classpath:db/migration/" + family);
	}

	@Test
	void anUnsupportedEngineIsRefusedByName() {
		assertThatIllegalStateException().isThrownBy(() -> MigrationLocations.forProduct("Oracle"))
			.withMessageContaining("MariaDB, MySQL and PostgreSQL, not for Oracle");
	}

}
