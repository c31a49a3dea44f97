package dev.berth.db.copy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A table's row count and a SHA-256 over its rows' canonical values (see
 * {@link Column#canonical}), fed in primary-key order: equal on two engines only if every
 * row holds the same values on both.
 */
final class TableChecksum {

	private final MessageDigest sha256;

	private long rows;

	private String hex;

	TableChecksum() {
		try {
			this.sha256 = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

	/** Adds one row's canonical values ({@code null} for SQL NULL). */
	void add(String[] values) {
		for (String value : values) {
			// Length-prefixed, -1 for NULL: different rows never feed equal bytes.
			if (value == null) {
				this.sha256.update(ByteBuffer.allocate(4).putInt(-1).array());
			}
			else {
				byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
				this.sha256.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
				this.sha256.update(bytes);
			}
		}
		this.rows++;
	}

	long rows() {
		return this.rows;
	}

	/** The SHA-256 in hex, once the last row is added. */
	String hex() {
		if (this.hex == null) {
			this.hex = HexFormat.of().formatHex(this.sha256.digest());
		}
		return this.hex;
	}

}
