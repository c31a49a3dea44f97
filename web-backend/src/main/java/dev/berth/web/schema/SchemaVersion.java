package dev.berth.web.schema;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Flyway schema version such as {@code 3} or {@code 2.1}, ordered as Flyway orders
 * them: part by part, numerically ({@code 10} after {@code 9}, {@code 2.1} after
 * {@code 2}; a missing part counts as 0).
 */
record SchemaVersion(List<BigInteger> parts) implements Comparable<SchemaVersion> {

	/** Numbers separated by dots, as Flyway records versions in its history table. */
	static final String FORMAT = "\\d+(\\.\\d+)*";

	static SchemaVersion parse(String text) {
		if (text == null || !text.matches(FORMAT)) {
			throw new IllegalArgumentException("Not a schema version (numbers separated by dots): " + text);
		}
		return new SchemaVersion(Arrays.stream(text.split("\\.")).map(BigInteger::new).toList());
	}

	boolean isAtLeast(SchemaVersion other) {
		return compareTo(other) >= 0;
	}

	@Override
	public int compareTo(SchemaVersion other) {
		for (int i = 0; i < Math.max(this.parts.size(), other.parts.size()); i++) {
			int order = part(i).compareTo(other.part(i));
			if (order != 0) {
				return order;
			}
		}
		return 0;
	}

	private BigInteger part(int index) {
		return (index < this.parts.size()) ? this.parts.get(index) : BigInteger.ZERO;
	}

	@Override
	public String toString() {
		return this.parts.stream().map(BigInteger::toString).collect(Collectors.joining("."));
	}

}
