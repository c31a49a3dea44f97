package dev.berth.ml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The 200 held-out digits that model-training/train.py writes for these tests (never seen
 * in training), with their true labels and the predictions PyTorch made for them in
 * Python.
 */
public record MnistSample(List<float[]> images, List<Integer> labels, List<Integer> pythonPredictions) {

	public static final int PIXELS = 28 * 28;

	public static final String MODEL = "mnist";

	public static final String INPUT = "input__0";

	public static final String OUTPUT = "output__0";

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
		float[] data = new float[(to - from) * PIXELS];
		for (int i = from; i < to; i++) {
			System.arraycopy(images.get(i), 0, data, (i - from) * PIXELS, PIXELS);
		}
		return Map.of("inputs", List
			.of(Map.of("name", INPUT, "shape", List.of(to - from, 1, 28, 28), "datatype", "FP32", "data", data)));
	}

	/** The index of the largest logit of each row of a flat [n,10] output. */
	public static List<Integer> argmax(JsonNode flatLogits, int rows) {
		List<Integer> classes = new ArrayList<>();
		for (int row = 0; row < rows; row++) {
			int best = 0;
			for (int k = 1; k < 10; k++) {
				if (flatLogits.get(row * 10 + k).doubleValue() > flatLogits.get(row * 10 + best).doubleValue()) {
					best = k;
				}
			}
			classes.add(best);
		}
		return classes;
	}
}
