package dev.berth.ml.repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Model repositories for tests, built in a temporary folder from the shipped mnist model.
 */
final class TestModelRepositories {

	static final Path SHIPPED = Path.of("model-repository");

	private TestModelRepositories() {
	}

	/**
	 * The working mnist model plus one way of breaking a model per folder:
	 * <ul>
	 * <li>{@code mnist/2}: a version folder without model.pt
	 * <li>{@code corrupt}: a model.pt that is not TorchScript
	 * <li>{@code misconfigured}: a config.yml with an unsupported datatype
	 * <li>{@code mismatched}: a config.yml whose input shape the module cannot take
	 * </ul>
	 */
	static Path withBrokenModels() {
		try {
			Path root = Files.createTempDirectory("berth-model-repository-");
			Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
			copyTree(SHIPPED.resolve("mnist"), root.resolve("mnist"));
			Files.createDirectories(root.resolve("mnist/2"));
			String config = Files.readString(SHIPPED.resolve("mnist/config.yml"));

			copyTree(SHIPPED.resolve("mnist"), root.resolve("corrupt"));
			Files.writeString(root.resolve("corrupt/1/model.pt"), "this is not a TorchScript archive");

			copyTree(SHIPPED.resolve("mnist"), root.resolve("misconfigured"));
			Files.writeString(root.resolve("misconfigured/config.yml"),
					config.replace("datatype: FP32", "datatype: FLOAT32"));

			copyTree(SHIPPED.resolve("mnist"), root.resolve("mismatched"));
			// The image block follows the input, so that the config itself stays valid.
			Files.writeString(root.resolve("mismatched/config.yml"),
					config.replace("shape: [-1, 1, 28, 28]", "shape: [-1, 3, 32, 32]")
						.replace("color: grayscale", "color: rgb")
						.replace("width: 28", "width: 32")
						.replace("height: 28", "height: 32"));
			return root;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void deleteTree(Path root) {
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException e) {
			// A leftover temporary folder is harmless.
		}
	}

	private static void copyTree(Path from, Path to) throws IOException {
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
	}

}
