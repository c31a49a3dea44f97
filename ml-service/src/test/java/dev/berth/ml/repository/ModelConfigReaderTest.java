package dev.berth.ml.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.berth.ml.TestFolders;
import dev.berth.ml.inference.ModelSignature;
import dev.berth.ml.inference.TensorDataType;
import dev.berth.ml.inference.TensorSpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

	@Test
	void rejectsAnUnknownKeySoATypoCannotGoUnnoticed() throws IOException {
		Path file = write("""
				platform: pytorch_torchscript
				max_batch_size: 8
				inputs:
				  - name: x
				    datatype: FP32
				    shape: [-1, 4]
				    dims: [4]
				outputs:
				  - {name: y, datatype: FP32, shape: [-1, 2]}
				""");
		assertThatThrownBy(() -> reader.read(file)).hasMessage("config.yml: unknown key 'dims' at inputs[0].dims");
	}

	@Test
	void rejectsAnUnsupportedPlatform() throws IOException {
		Path file = write("""
				platform: onnxruntime_onnx
				inputs: [{name: x, datatype: FP32, shape: [4]}]
				outputs: [{name: y, datatype: FP32, shape: [2]}]
				""");
		assertThatThrownBy(() -> reader.read(file).toSignature())
			.hasMessage("platform 'onnxruntime_onnx' is not supported (supported: pytorch_torchscript)");
	}

	@Test
	void requiresTheBatchDimensionWhenBatching() throws IOException {
		Path file = write("""
				platform: pytorch_torchscript
				max_batch_size: 8
				inputs: [{name: x, datatype: FP32, shape: [1, 4]}]
				outputs: [{name: y, datatype: FP32, shape: [-1, 2]}]
				""");
		assertThatThrownBy(() -> reader.read(file).toSignature())
			.hasMessage("'x' must declare its first (batch) dimension as -1, since max batch size is 8");
	}

	@Test
	void rejectsAZeroDimension() throws IOException {
		Path file = write("""
				platform: pytorch_torchscript
				inputs: [{name: x, datatype: FP32, shape: [0]}]
				outputs: [{name: y, datatype: FP32, shape: [2]}]
				""");
		assertThatThrownBy(() -> reader.read(file).toSignature())
			.hasMessage("inputs[0]: 'shape' must list dimensions, each -1 or positive");
	}

	@Test
	void reportsValuesOfTheWrongKindInYamlTerms() throws IOException {
		Path file = write("platform: pytorch_torchscript\ninputs: [just-a-name]\n");
		assertThatThrownBy(() -> reader.read(file))
			.hasMessage("config.yml: expected a mapping (key: value) at inputs[0]");
	}

	@Test
	void reportsYamlSyntaxErrors() throws IOException {
		Path file = write("platform: pytorch_torchscript: twice\n");
		assertThatThrownBy(() -> reader.read(file)).hasMessageStartingWith("config.yml is not valid YAML");
	}

	@Test
	void checksTheDynamicBatchingBlock() throws IOException {
		String model = """
				platform: pytorch_torchscript
				max_batch_size: %d
				inputs: [{name: x, datatype: FP32, shape: [-1, 4]}]
				outputs: [{name: y, datatype: FP32, shape: [-1, 2]}]
				dynamic_batching: {%s}
				""";
		assertThat(reader.read(write(model.formatted(8, "max_queue_size: 16"))).toSignature().maxBatchSize())
			.isEqualTo(8);
		assertThatThrownBy(() -> reader.read(write(model.formatted(8, "max_batch_size: 0"))).toSignature())
			.hasMessage("'dynamic_batching.max_batch_size' must be at least 1");
		assertThatThrownBy(
				() -> reader.read(write(model.formatted(8, "max_queue_delay_microseconds: -1"))).toSignature())
			.hasMessage("'dynamic_batching.max_queue_delay_microseconds' must not be negative");
		assertThatThrownBy(() -> reader.read(write(model.formatted(8, "max_queue_size: 0"))).toSignature())
			.hasMessage("'dynamic_batching.max_queue_size' must be at least 1");
		assertThatThrownBy(() -> reader.read(write(model.formatted(8, "max_delay: 5"))))
			.hasMessageStartingWith("config.yml: unknown key 'max_delay'");
		assertThatThrownBy(
				() -> reader.read(write(model.formatted(0, "enabled: true").replace("-1, ", ""))).toSignature())
			.hasMessage("'dynamic_batching.enabled' needs a batch dimension: set 'max_batch_size' above 0");
	}

	@Test
	void refusesInt16WhichTheEngineCannotPass() throws IOException {
		Path file = write("""
				platform: pytorch_torchscript
				inputs: [{name: x, datatype: INT16, shape: [4]}]
				outputs: [{name: y, datatype: FP32, shape: [2]}]
				""");
		assertThatThrownBy(() -> reader.read(file).toSignature()).hasMessage(
				"inputs[0]: datatype 'INT16' is not supported (supported: BOOL, UINT8, INT8, INT32, INT64, FP32, FP64)");
	}

	private Path write(String yaml) throws IOException {
		return Files.writeString(dir.resolve("config.yml"), yaml);
	}

}
