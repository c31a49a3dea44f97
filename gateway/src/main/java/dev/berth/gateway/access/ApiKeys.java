package dev.berth.gateway.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import dev.berth.gateway.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The API keys that open the inference API, from {@code berth.gateway.api-keys} and the
 * file {@code berth.gateway.api-keys-file}. Only SHA-256 digests are kept; a presented
 * key is hashed and compared with every digest in constant time, so neither the answer's
 * timing nor the logs reveal anything about a key. Each key has a name for logs and rate
 * limits: the one given as {@code name:secret}, or else {@code key-} and the first 8 hex
 * digits of its digest.
 */
@Component
public class ApiKeys {

	private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

	/** Shorter keys are refused at startup: they could be guessed. */
	static final int MIN_LENGTH = 16;

	private final List<Key> keys;

	public ApiKeys(GatewayProperties properties) {
		List<String> entries = new ArrayList<>(properties.apiKeys());
		if (properties.apiKeysFile() != null) {
			entries.addAll(read(properties.apiKeysFile()));
		}
		this.keys = entries.stream().map(String::strip).filter(entry -> !entry.isEmpty()).map(ApiKeys::parse).toList();
		if (this.keys.isEmpty()) {
			log.warn("No API keys are configured (berth.gateway.api-keys, berth.gateway.api-keys-file):"
					+ " every request to the inference API will be refused with 401");
		}
		else {
			log.info("{} API key(s): {}", this.keys.size(), this.keys.stream().map(Key::name).toList());
		}
	}

	/** The name of the key, or null when it is none of them. */
	public String nameOf(String presented) {
		byte[] digest = sha256(presented);
		String name = null;
		// Every digest is compared, whichever matches: the time does not depend on the
		// key.
		for (Key key : this.keys) {
			if (MessageDigest.isEqual(key.digest(), digest)) {
				name = key.name();
			}
		}
		return name;
	}

	private static List<String> read(Path file) {
		try {
			return Files.readAllLines(file, StandardCharsets.UTF_8)
				.stream()
				.filter(line -> !line.strip().startsWith("#"))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the API keys file " + file, ex);
		}
	}

	private static Key parse(String entry) {
		int colon = entry.indexOf(':');
		String name = colon > 0 ? entry.substring(0, colon).strip() : null;
		String secret = colon > 0 ? entry.substring(colon + 1).strip() : entry;
		if (secret.length() < MIN_LENGTH) {
			throw new IllegalArgumentException("An API key " + (name != null ? "('" + name + "') " : "")
					+ "is shorter than " + MIN_LENGTH + " characters");
		}
		byte[] digest = sha256(secret);
		return new Key(name != null ? name : "key-" + HexFormat.of().formatHex(digest, 0, 4), digest);
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Key(String name, byte[] digest) {
	}

}
