package dev.berth.web.prediction;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Request bodies for the prediction API. */
final class TestImages {

	private TestImages() {
	}

	/**
	 * 784 values in 0..1 that are whole multiples of 1/255, so they survive the byte
	 * storage unchanged: a gradient, different in every row.
	 */
	static List<Double> gradient() {
		List<Double> pixels = new ArrayList<>(Pixels.COUNT);
		for (int i = 0; i < Pixels.COUNT; i++) {
			pixels.add((i % 256) / 255.0);
		}
		return pixels;
	}

	static List<Double> filled(int count, double value) {
		return new ArrayList<>(Collections.nCopies(count, value));
	}

	static Map<String, Object> body(List<?> pixels) {
		return Map.of("pixels", pixels);
	}

}
