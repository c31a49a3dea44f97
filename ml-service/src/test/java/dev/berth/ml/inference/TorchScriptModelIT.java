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

	static final Path MODEL_FILE = Path.of("model-repository/mnist/1/model.pt");
	static final ModelSignature MNIST = new ModelSignature(
			List.of(new TensorSpec(MnistSample.INPUT, TensorDataType.FP32, List.of(-1L, 1L, 28L, 28L))),
			List.of(new TensorSpec(MnistSample.OUTPUT, TensorDataType.FP32, List.of(-1L, 10L))), 64);

	static TorchScriptModelLoader loader;
	static TorchScriptModel model;
	static MnistSample sample;

	@BeforeAll
	static void load() throws ModelLoadException {
		InferenceProperties properties = new InferenceProperties(1, 1, 2, Duration.ofSeconds(10), 1, false);
		loader = new TorchScriptModelLoader(new PyTorchEngine(properties), properties);
		model = loader.load("mnist/1", MODEL_FILE, MNIST);
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
				MNIST.outputs(), 64);
		assertThatThrownBy(() -> loader.load("mnist/1", MODEL_FILE, wrongShape)).isInstanceOf(ModelLoadException.class)
			.hasMessageStartingWith(
					"warm-up of mnist/1 failed: model 'mnist/1' failed: mat1 and mat2 shapes cannot be multiplied");

		ModelSignature wrongOutputs = new ModelSignature(MNIST.inputs(),
				List.of(new TensorSpec(MnistSample.OUTPUT, TensorDataType.FP32, List.of(-1L, 12L))), 64);
		assertThatThrownBy(() -> loader.load("mnist/1", MODEL_FILE, wrongOutputs)).hasMessage(
				"warm-up of mnist/1 failed: output 'output__0' has shape [1, 10], its config declares [-1, 12]");
	}

	@Test
	void aFileThatIsNotTorchScriptFailsWithAOneLineReason() {
		assertThatThrownBy(() -> loader.load("labels", Path.of("model-repository/mnist/1/labels.txt"), MNIST))
			.isInstanceOf(ModelLoadException.class)
			.hasMessageStartingWith("cannot load model-repository/mnist/1/labels.txt: ")
			.hasMessageNotContaining("\n");
	}

	private int classify(int index) {
		float[] pixels = sample.images().get(index);
		double[] values = new double[pixels.length];
		for (int i = 0; i < pixels.length; i++) {
			values[i] = pixels[i];
		}
		Tensor input = Tensor.fromValues(MnistSample.INPUT, TensorDataType.FP32, new long[] { 1, 1, 28, 28 }, values);
		float[] logits = (float[]) model.infer(List.of(input)).get(0).data();
		int best = 0;
		for (int k = 1; k < logits.length; k++) {
			best = logits[k] > logits[best] ? k : best;
		}
		return best;
	}

}
