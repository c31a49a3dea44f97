package dev.berth.web.schema;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SchemaVersionTest {

	@Test
	void versionsCompareNumericallyPartByPart() {
		assertThat(SchemaVersion.parse("10")).isGreaterThan(SchemaVersion.parse("9"));
		assertThat(SchemaVersion.parse("2.1")).isGreaterThan(SchemaVersion.parse("2"));
		assertThat(SchemaVersion.parse("2.10")).isGreaterThan(SchemaVersion.parse("2.9"));
		assertThat(SchemaVersion.parse("3")).isLessThan(SchemaVersion.parse("20240101120000"));
		assertThat(SchemaVersion.parse("3.0")).isEqualByComparingTo(SchemaVersion.parse("3"));
	}

	@Test
	void onlyNumbersSeparatedByDotsAreVersions() {
		assertThat(SchemaVersion.parse("2.1")).hasToString("2.1");
		assertThatIllegalArgumentException().isThrownBy(() -> SchemaVersion.parse("V3"))
			.withMessageContaining("numbers separated by dots");
	}

}
