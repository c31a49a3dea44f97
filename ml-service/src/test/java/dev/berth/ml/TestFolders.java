package dev.berth.ml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary model repositories and the file work tests do in them. */
public final class TestFolders {

	/** The shipped mnist model folder (tests run in the module folder). */
	public static final Path SHIPPED_MNIST = Path.of("model-repository/mnist");

	private TestFolders() {
	}

	/** An empty folder, deleted when the test JVM ends. */
	public static Path temporary(String prefix) {
		try {
			Path root = Files.createTempDirectory(prefix);
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					delete(root);
				}
				catch (UncheckedIOException e) {
					// A leftover temporary folder is harmless.
				}
			}));
			return root;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Copies file by file, as cp -r does: a watcher can see the folder half-copied. */
	public static void copy(Path from, Path to) {
		try (Stream<Path> paths = Files.walk(from)) {
			for (Path source : paths.toList()) {
				Path target = to.resolve(from.relativize(source).toString());
				if (Files.isDirectory(source)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(source, target);
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public static void delete(Path root) {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Writes a file, creating its folder. */
	public static Path write(Path file, String text) {
		try {
			Files.createDirectories(file.getParent());
			return Files.writeString(file, text);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
