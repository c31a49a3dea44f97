package dev.berth.ml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.berth.ml.V2Client.Reply;
import dev.berth.ml.inference.ModelSignature;
import dev.berth.ml.inference.Tensor;
import dev.berth.ml.inference.TensorDataType;
import dev.berth.ml.inference.TensorSpec;

import tools.jackson.databind.JsonNode;

/**
 * The 200 held-out digits that model-training/train.py writes for these tests (never seen
 * in training), with their true labels and the predictions PyTorch made for them in
 * Python; and the shipped mnist model they go with.
 */
public record MnistSample(List<float[]> images, List<Integer> labels, List<Integer> pythonPredictions) {

	public static final int PIXELS = 28 * 28;

	public static final String MODEL = "mnist";

	public static final String INPUT = "input__0";

	public static final String OUTPUT = "output__0";

	/** The shipped model's version 1 (tests run in the module folder). */
	public static final Path MODEL_FILE = Path.of("model-repository/mnist/1/model.pt");

	/** What the shipped config.yml declares. */
	public static final ModelSignature SIGNATURE = new ModelSignature(
			List.of(new TensorSpec(INPUT, TensorDataType.FP32, List.of(-1L, 1L, 28L, 28L))),
			List.of(new TensorSpec(OUTPUT, TensorDataType.FP32, List.of(-1L, 10L))), 64);

	public static MnistSample load() {
		try (InputStream in = MnistSample.class.getResourceAsStream("/mnist-held-out-sample.json")) {
			JsonNode root = V2Client.JSON.readTree(in);
			List<float[]> images = new ArrayList<>();
			for (JsonNode image : root.get("images")) {
				float[] pixels = new float[PIXELS];
				for (int i = 0; i < PIXELS; i++) {
					pixels[i] = image.get(i).floatValue();
				}
				images.add(pixels);
			}
			List<Integer> labels = new ArrayList<>();
			root.get("labels").forEach(label -> labels.add(label.intValue()));
			List<Integer> predictions = new ArrayList<>();
			root.get("expected_predictions").forEach(p -> predictions.add(p.intValue()));
			return new MnistSample(images, labels, predictions);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public int size() {
		return images.size();
	}

	/**
	 * A V2 inference request body for images [from, to), flat FP32 data, shape
	 * [n,1,28,28].
	 */
	public Map<String, Object> request(int from, int to) {
		return Map.of("inputs", List.of(Map.of("name", INPUT, "shape", List.of(to - from, 1, 28, 28), "datatype",
				"FP32", "data", pixels(from, to))));
	}

	/** Images [from, to) as the model's input tensor, shape [n,1,28,28]. */
	public Tensor tensor(int from, int to) {
		float[] pixels = pixels(from, to);
		double[] values = new double[pixels.length];
		for (int i = 0; i < pixels.length; i++) {
			values[i] = pixels[i];
		}
		return Tensor.fromValues(INPUT, TensorDataType.FP32, new long[] { to - from, 1, 28, 28 }, values);
	}

	/** The digit a V2 response for one image names: its largest logit. */
	public static int digit(Reply reply) {
		return argmax(reply.json().path("outputs").get(0).path("data"), 1).get(0);
	}

	/** The index of the largest logit of each row of a flat [n,10] output. */
	public static List<Integer> argmax(JsonNode flatLogits, int rows) {
		float[] logits = new float[rows * 10];
		for (int i = 0; i < logits.length; i++) {
			logits[i] = flatLogits.get(i).floatValue();
		}
		List<Integer> classes = new ArrayList<>();
		for (int row = 0; row < rows; row++) {
			classes.add(argmax(logits, row));
		}
		return classes;
	}

	/** The index of the largest logit of one row of a flat [n,10] output. */
	public static int argmax(float[] logits, int row) {
		int best = 0;
		for (int k = 1; k < 10; k++) {
			best = logits[row * 10 + k] > logits[row * 10 + best] ? k : best;
		}
		return best;
	}

	private float[] pixels(int from, int to) {
		float[] data = new float[(to - from) * PIXELS];
		for (int i = from; i < to; i++) {
			System.arraycopy(images.get(i), 0, data, (i - from) * PIXELS, PIXELS);
		}
		return data;
	}

}
