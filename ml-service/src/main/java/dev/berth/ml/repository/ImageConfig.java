package dev.berth.ml.repository;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.berth.image.ImageSpec;
import dev.berth.image.ImageSpec.Invert;
import dev.berth.image.ImageSpec.Resize;
import dev.berth.ml.inference.ModelSignature;
import dev.berth.ml.inference.TensorDataType;
import dev.berth.ml.inference.TensorSpec;

/**
 * The {@code image:} block of a model's config.yml: how {@code POST /predictions/{model}}
 * turns an uploaded picture into the model's input. A model without it takes no pictures.
 * See {@code model-repository/mnist/config.yml} for a documented example.
 *
 * @param input the input the picture feeds; default: the model's only input
 * @param color {@code grayscale} (one channel, the default) or {@code rgb} (three, in
 * that order)
 * @param width the width the picture is brought to; default: the input's declared width
 * @param height the height the picture is brought to; default: the input's declared
 * height
 * @param resize {@code stretch} (the default): the whole picture scaled to width x
 * height; {@code digit}: MNIST's recipe, the ink's bounding box scaled to fit
 * {@code digit_box} pixels keeping its aspect, then placed so that its centre of mass is
 * the picture's centre
 * @param digitBox with {@code resize: digit}, the box the ink is fitted into; default 5/7
 * of the smaller side (MNIST: 20 of 28)
 * @param invert {@code never} (the default), {@code always}, or {@code auto}: invert when
 * the background is light, for models trained on light ink on a dark ground (MNIST)
 * @param mean per channel; the model gets (value - mean) / std, value in 0..1; default 0
 * @param std per channel; default 1
 * @param softmax true (the default): the first output holds logits, turned into
 * probabilities by softmax; false: it holds probabilities already
 */
public record ImageConfig(String input, String color, Integer width, Integer height, String resize, Integer digitBox,
		String invert, List<Double> mean, List<Double> std, Boolean softmax) {

	/**
	 * Everything the image endpoint needs, checked against the model.
	 *
	 * @param input the input the picture feeds
	 * @param datatype FP32 or FP64
	 * @param shape the input's shape for one picture: [1, channels, height, width], or
	 * without the 1 when the model has no batch dimension
	 * @param image how the picture becomes the input
	 * @param softmax whether the first output holds logits
	 */
	public record Spec(String input, TensorDataType datatype, long[] shape, ImageSpec image, boolean softmax) {
	}

	/**
	 * Checks this block against the model's inputs and outputs.
	 * @throws IllegalArgumentException saying what is wrong, starting with {@code image:}
	 */
	public Spec resolve(ModelSignature signature) {
		TensorSpec tensor = inputTensor(signature);
		if (tensor.datatype() != TensorDataType.FP32 && tensor.datatype() != TensorDataType.FP64) {
			throw invalid("input '%s' is %s; pictures feed FP32 or FP64 inputs", tensor.name(), tensor.datatype());
		}
		TensorDataType output = signature.outputs().get(0).datatype();
		if (output != TensorDataType.FP32 && output != TensorDataType.FP64) {
			throw invalid("the first output is %s; class scores must be FP32 or FP64", output);
		}
		List<Long> dims = tensor.shape();
		boolean batched = signature.maxBatchSize() > 0;
		if (dims.size() != (batched ? 4 : 3) && !(dims.size() == 4 && dims.get(0) == 1)) {
			throw invalid("input '%s' has shape %s; pictures feed [batch, channels, height, width]"
					+ " (or [channels, height, width] without a batch dimension)", tensor.name(), dims);
		}
		int offset = dims.size() - 3;
		int channels = switch (color == null ? "grayscale" : color.toLowerCase(Locale.ROOT)) {
			case "grayscale" -> 1;
			case "rgb" -> 3;
			default -> throw invalid("color '%s' is not supported (supported: grayscale, rgb)", color);
		};
		int h = size("height", height, dims.get(offset + 1));
		int w = size("width", width, dims.get(offset + 2));
		check(tensor, dims.get(offset), channels, "channels");
		check(tensor, dims.get(offset + 1), h, "height");
		check(tensor, dims.get(offset + 2), w, "width");
		long[] shape = new long[dims.size()];
		if (offset == 1) {
			shape[0] = 1;
		}
		shape[offset] = channels;
		shape[offset + 1] = h;
		shape[offset + 2] = w;
		Resize resizeMode = choice("resize", resize, Resize.class, Resize.STRETCH);
		int box = digitBox != null ? digitBox : Math.max(1, Math.min(w, h) * 5 / 7);
		if (box < 1 || box > Math.min(w, h)) {
			throw invalid("digit_box must be 1 to %d (the smaller side), not %d", Math.min(w, h), box);
		}
		ImageSpec image = new ImageSpec(channels, w, h, resizeMode, box,
				choice("invert", invert, Invert.class, Invert.NEVER), perChannel("mean", mean, channels, 0),
				perChannel("std", std, channels, 1));
		return new Spec(tensor.name(), tensor.datatype(), shape, image, softmax == null || softmax);
	}

	private TensorSpec inputTensor(ModelSignature signature) {
		if (signature.inputs().size() != 1) {
			throw invalid("pictures feed models with one input; this one has %d", signature.inputs().size());
		}
		TensorSpec only = signature.inputs().get(0);
		if (input != null && !only.name().equals(input)) {
			throw invalid("input '%s' is not declared (the model takes '%s')", input, only.name());
		}
		return only;
	}

	private static int size(String key, Integer configured, long declared) {
		if (configured != null) {
			if (configured < 1 || configured > 4096) {
				throw invalid("%s must be 1 to 4096, not %d", key, configured);
			}
			return configured;
		}
		if (declared > 0) {
			return Math.toIntExact(declared);
		}
		throw invalid("'%s' is needed: the input does not fix it", key);
	}

	private static void check(TensorSpec tensor, long declared, int wanted, String what) {
		if (declared != -1 && declared != wanted) {
			throw invalid("input '%s' declares %d %s, the image block %d", tensor.name(), declared, what, wanted);
		}
	}

	private static <E extends Enum<E>> E choice(String key, String value, Class<E> type, E fallback) {
		if (value == null) {
			return fallback;
		}
		for (E constant : type.getEnumConstants()) {
			if (constant.name().equalsIgnoreCase(value)) {
				return constant;
			}
		}
		throw invalid("%s '%s' is not supported (supported: %s)", key, value, String.join(", ",
				Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList()));
	}

	private static double[] perChannel(String key, List<Double> values, int channels, double fallback) {
		double[] result = new double[channels];
		if (values == null) {
			Arrays.fill(result, fallback);
			return result;
		}
		if (values.size() != channels || values.stream().anyMatch(v -> v == null || !Double.isFinite(v))) {
			throw invalid("%s must list %d number(s), one per channel", key, channels);
		}
		for (int i = 0; i < channels; i++) {
			result[i] = values.get(i);
			if ("std".equals(key) && result[i] == 0) {
				throw invalid("std must not be 0");
			}
		}
		return result;
	}

	private static IllegalArgumentException invalid(String message, Object... args) {
		return new IllegalArgumentException("image: " + message.formatted(args));
	}
}
