package dev.berth.image;

import java.util.Arrays;

/**
 * How a picture becomes a model input: the size and colour the model takes, how the
 * picture is brought to that size, and how values are normalised. ml-service builds one
 * from a model's {@code image:} config block; web-backend from its own configuration, so
 * both prepare a picture the same way.
 *
 * @param channels 1 (grayscale, BT.601 luma) or 3 (RGB, channel-first)
 * @param width the model input's width
 * @param height the model input's height
 * @param resize how the picture is brought to width x height
 * @param digitBox with {@link Resize#DIGIT}, the square the ink is fitted into (MNIST: 20
 * of 28)
 * @param invert when values are inverted (1 - value)
 * @param mean per channel: the model gets (value - mean) / std for values in 0..1
 * @param std per channel, never 0
 */
public record ImageSpec(int channels, int width, int height, Resize resize, int digitBox, Invert invert, double[] mean,
		double[] std) {

	/** How a picture is brought to the model's size. */
	public enum Resize {

		/** The whole picture scaled to width x height. */
		STRETCH,

		/**
		 * MNIST's recipe: the ink's bounding box fitted into digitBox keeping its aspect,
		 * then placed so that its centre of mass is the field's centre.
		 */
		DIGIT

	}

	/** When pixel values are inverted. */
	public enum Invert {

		NEVER, ALWAYS,

		/**
		 * When the picture's border is light: dark ink on paper becomes light ink on a
		 * dark ground, as MNIST's digits are.
		 */
		AUTO

	}

	public ImageSpec {
		if (channels != 1 && channels != 3) {
			throw new IllegalArgumentException("channels must be 1 or 3, not " + channels);
		}
		if (width < 1 || height < 1) {
			throw new IllegalArgumentException("width and height must be at least 1");
		}
		if (resize == Resize.DIGIT && (digitBox < 1 || digitBox > Math.min(width, height))) {
			throw new IllegalArgumentException("digit box must be 1 to " + Math.min(width, height));
		}
		if (mean.length != channels || std.length != channels || Arrays.stream(std).anyMatch(s -> s == 0)) {
			throw new IllegalArgumentException("mean and std need one value per channel, std never 0");
		}
		mean = mean.clone();
		std = std.clone();
	}

	/**
	 * MNIST's digits: 28x28 gray, light ink on black fitted into 20x20 and centred by
	 * mass, values 0..1.
	 */
	public static ImageSpec mnistDigit() {
		return new ImageSpec(1, 28, 28, Resize.DIGIT, 20, Invert.AUTO, new double[] { 0 }, new double[] { 1 });
	}

	/** Values per picture: channels x height x width. */
	public int size() {
		return channels * width * height;
	}

	@Override
	public double[] mean() {
		return mean.clone();
	}

	@Override
	public double[] std() {
		return std.clone();
	}

}
