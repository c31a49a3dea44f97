package dev.berth.ml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A model repository in a temporary folder (deleted when the JVM exits) built from the
 * shipped models: mnist from {@code model-repository}, and the test-only {@code echo}
 * model from {@code src/test/model-repository}, whose config takes one input per
 * supported datatype.
 */
public final class TestRepository {

	public static final Path SHIPPED = Path.of("model-repository");

	public static final Path TEST_MODELS = Path.of("src/test/model-repository");

	// A top-level key and the indented lines under it.
	private static final String BLOCK = "(?m)^%s:.*\\R(?:[ \\t]+.*\\R|[ \\t]*\\R(?=[ \\t]))*";

	private final Path root;

	private TestRepository(Path root) {
		this.root = root;
	}

	public static TestRepository create() {
		try {
			Path root = Files.createTempDirectory("berth-test-repository-");
			Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
			return new TestRepository(root);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public Path root() {
		return root;
	}

	/** Adds the shipped mnist model as it is. */
	public TestRepository withMnist() {
		return withMnist(null);
	}

	/**
	 * Adds the shipped mnist model under its name with its {@code dynamic_batching} block
	 * replaced.
	 * @param dynamicBatching the new block's YAML, e.g. {@code "dynamic_batching:
	 * {enabled: false}"}; null keeps the shipped one
	 */
	public TestRepository withMnist(String dynamicBatching) {
		copy(SHIPPED.resolve("mnist"), root.resolve("mnist"));
		if (dynamicBatching != null) {
			editConfig("mnist",
					replaceBlock(read(root.resolve("mnist/config.yml")), "dynamic_batching", dynamicBatching));
		}
		return this;
	}

	/** Adds the echo test model, with an optional {@code dynamic_batching} block. */
	public TestRepository withEcho(String dynamicBatching) {
		copy(TEST_MODELS.resolve("echo"), root.resolve("echo"));
		if (dynamicBatching != null) {
			editConfig("echo", read(root.resolve("echo/config.yml")) + "\n" + dynamicBatching + "\n");
		}
		return this;
	}

	public TestRepository editConfig(String model, String config) {
		try {
			Files.writeString(root.resolve(model).resolve("config.yml"), config);
			return this;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static String replaceBlock(String yaml, String key, String replacement) {
		String replaced = Pattern.compile(BLOCK.formatted(Pattern.quote(key)))
			.matcher(yaml)
			.replaceFirst(java.util.regex.Matcher.quoteReplacement(replacement.strip() + "\n"));
		if (replaced.equals(yaml)) {
			throw new IllegalStateException("no '" + key + ":' block to replace");
		}
		return replaced;
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Copies a model folder (config, versions), leaving out scripts. */
	public static void copyModel(Path from, Path to) {
		copy(from, to);
	}

	private static void copy(Path from, Path to) {
		try (Stream<Path> paths = Files.walk(from)) {
			for (Path source : paths.toList()) {
				Path target = to.resolve(from.relativize(source).toString());
				if (Files.isDirectory(source)) {
					Files.createDirectories(target);
				}
				else if (!source.getFileName().toString().endsWith(".py")) {
					Files.copy(source, target);
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void delete(Path root) {
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException e) {
			// A leftover temporary folder is harmless.
		}
	}

}
