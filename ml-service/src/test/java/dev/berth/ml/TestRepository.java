package dev.berth.ml;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model repository in a temporary folder (deleted when the JVM exits) built from the
 * shipped models: mnist from {@code model-repository}, the test-only {@code echo} model
 * from {@code src/test/model-repository}, whose config takes one input per supported
 * datatype, and broken copies of mnist.
 */
public final class TestRepository {

	public static final Path TEST_MODELS = Path.of("src/test/model-repository");

	// A top-level key and the indented lines under it.
	private static final String BLOCK = "(?m)^%s:.*\\R(?:[ \\t]+.*\\R|[ \\t]*\\R(?=[ \\t]))*";

	private final Path root;

	private TestRepository(Path root) {
		this.root = root;
	}

	public static TestRepository create() {
		return new TestRepository(TestFolders.temporary("berth-test-repository-"));
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
		TestFolders.copy(TestFolders.SHIPPED_MNIST, root.resolve("mnist"));
		if (dynamicBatching != null) {
			editConfig("mnist", replaceBlock(config("mnist"), "dynamic_batching", dynamicBatching));
		}
		return this;
	}

	/** Adds the echo test model, with an optional {@code dynamic_batching} block. */
	public TestRepository withEcho(String dynamicBatching) {
		TestFolders.copy(TEST_MODELS.resolve("echo"), root.resolve("echo"));
		if (dynamicBatching != null) {
			editConfig("echo", config("echo") + "\n" + dynamicBatching + "\n");
		}
		return this;
	}

	/**
	 * Adds the working mnist model plus one way of breaking a model per folder:
	 * <ul>
	 * <li>{@code mnist/2}: a version folder without model.pt
	 * <li>{@code corrupt}: a model.pt that is not TorchScript
	 * <li>{@code misconfigured}: a config.yml with an unsupported datatype
	 * <li>{@code mismatched}: a config.yml whose input shape the module cannot take
	 * </ul>
	 */
	public TestRepository withBrokenModels() {
		withMnist();
		root.resolve("mnist/2").toFile().mkdirs();
		String config = config("mnist");

		TestFolders.copy(TestFolders.SHIPPED_MNIST, root.resolve("corrupt"));
		TestFolders.write(root.resolve("corrupt/1/model.pt"), "this is not a TorchScript archive");

		TestFolders.copy(TestFolders.SHIPPED_MNIST, root.resolve("misconfigured"));
		editConfig("misconfigured", config.replace("datatype: FP32", "datatype: FLOAT32"));

		TestFolders.copy(TestFolders.SHIPPED_MNIST, root.resolve("mismatched"));
		// The image block follows the input, so that the config itself stays valid.
		editConfig("mismatched",
				config.replace("shape: [-1, 1, 28, 28]", "shape: [-1, 3, 32, 32]")
					.replace("color: grayscale", "color: rgb")
					.replace("width: 28", "width: 32")
					.replace("height: 28", "height: 32"));
		return this;
	}

	public TestRepository editConfig(String model, String config) {
		TestFolders.write(root.resolve(model).resolve("config.yml"), config);
		return this;
	}

	private String config(String model) {
		return TestFolders.read(root.resolve(model).resolve("config.yml"));
	}

	private static String replaceBlock(String yaml, String key, String replacement) {
		String replaced = Pattern.compile(BLOCK.formatted(Pattern.quote(key)))
			.matcher(yaml)
			.replaceFirst(Matcher.quoteReplacement(replacement.strip() + "\n"));
		if (replaced.equals(yaml)) {
			throw new IllegalStateException("no '" + key + ":' block to replace");
		}
		return replaced;
	}

}
