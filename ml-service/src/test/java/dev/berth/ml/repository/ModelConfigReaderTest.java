package dev.berth.ml.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.berth.ml.TestFolders;
import dev.berth.ml.inference.ModelSignature;
import dev.berth.ml.inference.TensorDataType;
import dev.berth.ml.inference.TensorSpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reading config.yml: the shipped one, and every kind of mistake, refused in one line.
 */
class ModelConfigReaderTest {

	final ModelConfigReader reader = new ModelConfigReader();

	@TempDir
	Path dir;

	@Test
	void readsTheShippedMnistConfig() {
		ModelConfig config = reader.read(TestFolders.SHIPPED_MNIST.resolve("config.yml"));

		assertThat(config.platform()).isEqualTo("pytorch_torchscript");
		assertThat(config.labels()).isEqualTo("labels.txt");
		assertThat(config.dynamicBatching()).as("every batching setting left to the server defaults").isNull();
		ModelSignature signature = config.toSignature();
		assertThat(signature.maxBatchSize()).isEqualTo(64);
		assertThat(signature.inputs())
			.containsExactly(new TensorSpec("input__0", TensorDataType.FP32, List.of(-1L, 1L, 28L, 28L)));
		assertThat(signature.outputs())
			.containsExactly(new TensorSpec("output__0", TensorDataType.FP32, List.of(-1L, 10L)));
	}

	static Stream<Arguments> configsThatCannotServe() {
		String batching = """
				platform: pytorch_torchscript
				max_batch_size: %d
				inputs: [{name: x, datatype: FP32, shape: [-1, 4]}]
				outputs: [{name: y, datatype: FP32, shape: [-1, 2]}]
				dynamic_batching: {%s}
				""";
		return Stream.of(arguments(named("an unknown key, so that a typo cannot go unnoticed", """
				platform: pytorch_torchscript
				max_batch_size: 8
				inputs:
				  - name: x
				    datatype: FP32
				    shape: [-1, 4]
				    dims: [4]
				outputs:
				  - {name: y, datatype: FP32, shape: [-1, 2]}
				"""), "config.yml: unknown key 'dims' at inputs[0].dims"),
				arguments(named("an unsupported platform", """
						platform: onnxruntime_onnx
						inputs: [{name: x, datatype: FP32, shape: [4]}]
						outputs: [{name: y, datatype: FP32, shape: [2]}]
						"""), "platform 'onnxruntime_onnx' is not supported (supported: pytorch_torchscript)"),
				arguments(named("a batch dimension other than -1 while batching", """
						platform: pytorch_torchscript
						max_batch_size: 8
						inputs: [{name: x, datatype: FP32, shape: [1, 4]}]
						outputs: [{name: y, datatype: FP32, shape: [-1, 2]}]
						"""), "'x' must declare its first (batch) dimension as -1, since max batch size is 8"),
				arguments(named("a zero dimension", """
						platform: pytorch_torchscript
						inputs: [{name: x, datatype: FP32, shape: [0]}]
						outputs: [{name: y, datatype: FP32, shape: [2]}]
						"""), "inputs[0]: 'shape' must list dimensions, each -1 or positive"),
				arguments(
						named("a value of the wrong kind, said in YAML terms",
								"platform: pytorch_torchscript\ninputs: [just-a-name]\n"),
						"config.yml: expected a mapping (key: value) at inputs[0]"),
				arguments(named("INT16, which the engine cannot pass", """
						platform: pytorch_torchscript
						inputs: [{name: x, datatype: INT16, shape: [4]}]
						outputs: [{name: y, datatype: FP32, shape: [2]}]
						"""),
						"inputs[0]: datatype 'INT16' is not supported (supported: BOOL, UINT8, INT8, INT32, INT64, FP32, FP64)"),
				arguments(named("a dynamic batching max batch size of 0", batching.formatted(8, "max_batch_size: 0")),
						"'dynamic_batching.max_batch_size' must be at least 1"),
				arguments(
						named("a negative max queue delay", batching.formatted(8, "max_queue_delay_microseconds: -1")),
						"'dynamic_batching.max_queue_delay_microseconds' must not be negative"),
				arguments(named("a max queue size of 0", batching.formatted(8, "max_queue_size: 0")),
						"'dynamic_batching.max_queue_size' must be at least 1"),
				arguments(named("an unknown dynamic batching key", batching.formatted(8, "max_delay: 5")),
						"config.yml: unknown key 'max_delay' at dynamic_batching.max_delay"),
				arguments(
						named("dynamic batching without a batch dimension",
								batching.formatted(0, "enabled: true").replace("-1, ", "")),
						"'dynamic_batching.enabled' needs a batch dimension: set 'max_batch_size' above 0"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("configsThatCannotServe")
	void refusesAConfigThatCannotServeSayingWhyInOneLine(String yaml, String message) throws IOException {
		Path file = write(yaml);
		assertThatThrownBy(() -> reader.read(file).toSignature()).isInstanceOf(IllegalArgumentException.class)
			.hasMessage(message);
	}

	@Test
	void readsADynamicBatchingBlock() throws IOException {
		ModelConfig config = reader.read(write("""
				platform: pytorch_torchscript
				max_batch_size: 8
				inputs: [{name: x, datatype: FP32, shape: [-1, 4]}]
				outputs: [{name: y, datatype: FP32, shape: [-1, 2]}]
				dynamic_batching: {max_queue_size: 16}
				"""));

		assertThat(config.dynamicBatching()).isEqualTo(new ModelConfig.DynamicBatchingConfig(null, null, null, 16));
		assertThat(config.toSignature().maxBatchSize()).isEqualTo(8);
	}

	@Test
	void reportsYamlSyntaxErrors() throws IOException {
		Path file = write("platform: pytorch_torchscript: twice\n");
		assertThatThrownBy(() -> reader.read(file)).hasMessageStartingWith("config.yml is not valid YAML");
	}

	private Path write(String yaml) throws IOException {
		return Files.writeString(dir.resolve("config.yml"), yaml);
	}

}
