package dev.berth.ml.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.berth.ml.MnistSample;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped TorchScript model in DJL + libtorch, without Spring or HTTP. */
class TorchScriptModelIT {

	static TorchScriptModelLoader loader;
	static TorchScriptModel model;
	static MnistSample sample;

	@BeforeAll
	static void load() throws ModelLoadException {
		InferenceProperties properties = new InferenceProperties(1, 1, 2, Duration.ofSeconds(10), 1, false);
		loader = new TorchScriptModelLoader(new PyTorchEngine(properties), properties);
		model = loader.load("mnist/1", MnistSample.MODEL_FILE, MnistSample.SIGNATURE);
		sample = MnistSample.load();
	}

	@AfterAll
	static void close() {
		model.close();
	}

	@Test
	void concurrentRequestsShareThePredictorsSafely() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(6);
		try {
			List<Future<Integer>> answers = new ArrayList<>();
			for (int round = 0; round < 5; round++) {
				for (int i = 0; i < sample.size(); i++) {
					int index = i;
					answers.add(threads.submit(() -> classify(index)));
				}
			}
			for (int i = 0; i < answers.size(); i++) {
				assertThat(answers.get(i).get()).as("digit %d", i % sample.size())
					.isEqualTo(sample.pythonPredictions().get(i % sample.size()));
			}
		}
		finally {
			threads.shutdown();
		}
	}

	@Test
	void aConfigThatDoesNotFitTheModuleFailsAtLoadNotAtTheFirstRequest() {
		ModelSignature wrongShape = new ModelSignature(
				List.of(new TensorSpec(MnistSample.INPUT, TensorDataType.FP32, List.of(-1L, 1L, 32L, 32L))),
				MnistSample.SIGNATURE.outputs(), 64);
		assertThatThrownBy(() -> loader.load("mnist/1", MnistSample.MODEL_FILE, wrongShape))
			.isInstanceOf(ModelLoadException.class)
			.hasMessageStartingWith(
					"warm-up of mnist/1 failed: model 'mnist/1' failed: mat1 and mat2 shapes cannot be multiplied");

		ModelSignature wrongOutputs = new ModelSignature(MnistSample.SIGNATURE.inputs(),
				List.of(new TensorSpec(MnistSample.OUTPUT, TensorDataType.FP32, List.of(-1L, 12L))), 64);
		assertThatThrownBy(() -> loader.load("mnist/1", MnistSample.MODEL_FILE, wrongOutputs)).hasMessage(
				"warm-up of mnist/1 failed: output 'output__0' has shape [1, 10], its config declares [-1, 12]");
	}

	@Test
	void aFileThatIsNotTorchScriptFailsWithAOneLineReason() {
		assertThatThrownBy(
				() -> loader.load("labels", Path.of("model-repository/mnist/1/labels.txt"), MnistSample.SIGNATURE))
			.isInstanceOf(ModelLoadException.class)
			.hasMessageStartingWith("cannot load model-repository/mnist/1/labels.txt: ")
			.hasMessageNotContaining("\n");
	}

	private int classify(int index) {
		float[] logits = (float[]) model.infer(List.of(sample.tensor(index, index + 1))).get(0).data();
		return MnistSample.argmax(logits, 0);
	}

}
