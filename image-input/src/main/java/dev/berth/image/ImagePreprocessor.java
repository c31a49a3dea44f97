package dev.berth.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.util.Arrays;

/**
 * Turns a decoded picture into a model input as an {@link ImageSpec} describes: colour to
 * grayscale or RGB, inversion, resizing (whole picture, or MNIST's digit recipe) and
 * normalisation. Plain arithmetic on float planes, no java.awt drawing, so the result is
 * the same on every JVM.
 */
public final class ImagePreprocessor {

	// Ink counts as part of the digit's bounding box from this share of the way from
	// background to peak.
	private static final float INK_THRESHOLD = 0.1f;

	// A picture whose brightest pixel is this close to its background holds no digit.
	private static final float BLANK_CONTRAST = 0.05f;

	private ImagePreprocessor() {
	}

	/** The input values, channel by channel, row-major, for one picture. */
	public static double[] toInput(BufferedImage image, ImageSpec spec) {
		Planes planes = Planes.of(image, spec.channels());
		if (spec.invert() == ImageSpec.Invert.ALWAYS
				|| (spec.invert() == ImageSpec.Invert.AUTO && planes.borderMean() > 0.5f)) {
			planes.invert();
		}
		Planes sized = spec.resize() == ImageSpec.Resize.DIGIT
				? centreDigit(planes, spec.width(), spec.height(), spec.digitBox())
				: planes.resized(0, 0, planes.width, planes.height, spec.width(), spec.height());
		double[] input = new double[spec.channels() * spec.width() * spec.height()];
		int area = spec.width() * spec.height();
		double[] mean = spec.mean();
		double[] std = spec.std();
		for (int c = 0; c < spec.channels(); c++) {
			float[] plane = sized.values[c];
			for (int i = 0; i < area; i++) {
				input[c * area + i] = (plane[i] - mean[c]) / std[c];
			}
		}
		return input;
	}

	/**
	 * MNIST's recipe: stretch the contrast from background to the brightest ink, fit the
	 * ink's bounding box into a {@code box} square keeping its aspect, and place it in a
	 * width x height field so that its centre of mass is the field's centre. Expects
	 * light ink on a dark ground.
	 */
	static Planes centreDigit(Planes planes, int width, int height, int box) {
		float background = planes.borderMean();
		float peak = 0;
		for (float v : planes.mean()) {
			peak = Math.max(peak, v);
		}
		if (peak - background < BLANK_CONTRAST) {
			return new Planes(width, height, planes.values.length);
		}
		planes.stretch(background, peak - background);
		float[] ink = planes.mean();
		int minX = planes.width;
		int minY = planes.height;
		int maxX = -1;
		int maxY = -1;
		for (int y = 0; y < planes.height; y++) {
			for (int x = 0; x < planes.width; x++) {
				if (ink[y * planes.width + x] > INK_THRESHOLD) {
					minX = Math.min(minX, x);
					maxX = Math.max(maxX, x);
					minY = Math.min(minY, y);
					maxY = Math.max(maxY, y);
				}
			}
		}
		int boxWidth = maxX - minX + 1;
		int boxHeight = maxY - minY + 1;
		double scale = (double) box / Math.max(boxWidth, boxHeight);
		int fittedWidth = Math.max(1, (int) Math.round(boxWidth * scale));
		int fittedHeight = Math.max(1, (int) Math.round(boxHeight * scale));
		Planes digit = planes.resized(minX, minY, boxWidth, boxHeight, fittedWidth, fittedHeight);

		float[] weight = digit.mean();
		double mass = 0, sumX = 0, sumY = 0;
		for (int y = 0; y < fittedHeight; y++) {
			for (int x = 0; x < fittedWidth; x++) {
				float w = weight[y * fittedWidth + x];
				mass += w;
				sumX += w * (x + 0.5);
				sumY += w * (y + 0.5);
			}
		}
		double centreX = mass > 0 ? sumX / mass : fittedWidth / 2.0;
		double centreY = mass > 0 ? sumY / mass : fittedHeight / 2.0;
		int left = (int) Math.round(width / 2.0 - centreX);
		int top = (int) Math.round(height / 2.0 - centreY);
		Planes field = new Planes(width, height, planes.values.length);
		for (int c = 0; c < planes.values.length; c++) {
			for (int y = 0; y < fittedHeight; y++) {
				int fy = y + top;
				if (fy < 0 || fy >= height) {
					continue;
				}
				for (int x = 0; x < fittedWidth; x++) {
					int fx = x + left;
					if (fx >= 0 && fx < width) {
						field.values[c][fy * width + fx] = digit.values[c][y * fittedWidth + x];
					}
				}
			}
		}
		return field;
	}

	/** A picture as one float plane per channel, values 0..1, row-major. */
	static final class Planes {

		final int width;

		final int height;

		final float[][] values;

		Planes(int width, int height, int channels) {
			this.width = width;
			this.height = height;
			this.values = new float[channels][width * height];
		}

		/**
		 * Reads the picture's pixels. Gray pictures are read as stored (java.awt would
		 * convert linear gray to sRGB); others as sRGB. Transparent pixels are put on a
		 * ground that contrasts with the ink: a drawing with a transparent background
		 * keeps its strokes whatever their colour.
		 */
		static Planes of(BufferedImage image, int channels) {
			int w = image.getWidth();
			int h = image.getHeight();
			float[] red = new float[w * h];
			float[] green = new float[w * h];
			float[] blue = new float[w * h];
			float[] alpha = new float[w * h];
			ColorModel model = image.getColorModel();
			if (model.getColorSpace().getType() == ColorSpace.TYPE_GRAY && model.getNumColorComponents() == 1
					&& !(model instanceof IndexColorModel)) {
				Raster raster = image.getRaster();
				float grayMax = (1L << model.getComponentSize(0)) - 1;
				float alphaMax = model.hasAlpha() ? (1L << model.getComponentSize(1)) - 1 : 1;
				for (int y = 0; y < h; y++) {
					for (int x = 0; x < w; x++) {
						float gray = raster.getSample(x, y, 0) / grayMax;
						int i = y * w + x;
						red[i] = gray;
						green[i] = gray;
						blue[i] = gray;
						alpha[i] = model.hasAlpha() ? raster.getSample(x, y, 1) / alphaMax : 1;
					}
				}
			}
			else {
				int[] row = new int[w];
				for (int y = 0; y < h; y++) {
					image.getRGB(0, y, w, 1, row, 0, w);
					for (int x = 0; x < w; x++) {
						int argb = row[x];
						int i = y * w + x;
						alpha[i] = (argb >>> 24) / 255f;
						red[i] = ((argb >> 16) & 0xff) / 255f;
						green[i] = ((argb >> 8) & 0xff) / 255f;
						blue[i] = (argb & 0xff) / 255f;
					}
				}
			}
			composite(red, green, blue, alpha);
			Planes planes = new Planes(w, h, channels);
			if (channels == 3) {
				planes.values[0] = red;
				planes.values[1] = green;
				planes.values[2] = blue;
			}
			else {
				for (int i = 0; i < w * h; i++) {
					// ITU-R BT.601 luma, as PIL's convert("L") and most training
					// pipelines use.
					planes.values[0][i] = 0.299f * red[i] + 0.587f * green[i] + 0.114f * blue[i];
				}
			}
			return planes;
		}

		private static void composite(float[] red, float[] green, float[] blue, float[] alpha) {
			double opacity = 0;
			double inkLuma = 0;
			for (int i = 0; i < alpha.length; i++) {
				opacity += alpha[i];
				inkLuma += alpha[i] * (0.299 * red[i] + 0.587 * green[i] + 0.114 * blue[i]);
			}
			if (opacity >= alpha.length) {
				return;
			}
			float ground = opacity > 0 && inkLuma / opacity < 0.5 ? 1f : 0f;
			for (int i = 0; i < alpha.length; i++) {
				float a = alpha[i];
				red[i] = a * red[i] + (1 - a) * ground;
				green[i] = a * green[i] + (1 - a) * ground;
				blue[i] = a * blue[i] + (1 - a) * ground;
			}
		}

		/** The mean over channels of every pixel. */
		float[] mean() {
			if (values.length == 1) {
				return values[0];
			}
			float[] mean = new float[width * height];
			for (float[] plane : values) {
				for (int i = 0; i < mean.length; i++) {
					mean[i] += plane[i] / values.length;
				}
			}
			return mean;
		}

		/**
		 * The mean of the outermost pixels: the picture's background, for pictures of one
		 * thing.
		 */
		float borderMean() {
			float[] mean = mean();
			double sum = 0;
			int count = 0;
			for (int y = 0; y < height; y++) {
				for (int x = 0; x < width; x++) {
					if (y == 0 || y == height - 1 || x == 0 || x == width - 1) {
						sum += mean[y * width + x];
						count++;
					}
				}
			}
			return (float) (sum / count);
		}

		void invert() {
			for (float[] plane : values) {
				for (int i = 0; i < plane.length; i++) {
					plane[i] = 1 - plane[i];
				}
			}
		}

		/** Maps background..background+range to 0..1, clamping. */
		void stretch(float background, float range) {
			for (float[] plane : values) {
				for (int i = 0; i < plane.length; i++) {
					plane[i] = Math.min(1, Math.max(0, (plane[i] - background) / range));
				}
			}
		}

		/**
		 * The region (x, y, w, h) scaled to targetWidth x targetHeight: each axis
		 * averages the source pixels a target pixel covers when shrinking (no aliasing),
		 * and interpolates linearly when growing.
		 */
		Planes resized(int x, int y, int w, int h, int targetWidth, int targetHeight) {
			Axis columns = Axis.of(x, w, targetWidth, width);
			Axis rows = Axis.of(y, h, targetHeight, height);
			Planes result = new Planes(targetWidth, targetHeight, values.length);
			float[] line = new float[targetWidth];
			for (int c = 0; c < values.length; c++) {
				float[] source = values[c];
				float[] target = result.values[c];
				for (int ty = 0; ty < targetHeight; ty++) {
					Arrays.fill(line, 0);
					for (int k = 0; k < rows.index[ty].length; k++) {
						int sourceRow = rows.index[ty][k] * width;
						float rowWeight = rows.weight[ty][k];
						for (int tx = 0; tx < targetWidth; tx++) {
							float sum = 0;
							int[] index = columns.index[tx];
							float[] weight = columns.weight[tx];
							for (int j = 0; j < index.length; j++) {
								sum += source[sourceRow + index[j]] * weight[j];
							}
							line[tx] += rowWeight * sum;
						}
					}
					System.arraycopy(line, 0, target, ty * targetWidth, targetWidth);
				}
			}
			return result;
		}

	}

	/**
	 * For each target pixel along one axis: the source pixels it draws from and their
	 * weights (summing to 1).
	 */
	private record Axis(int[][] index, float[][] weight) {

		static Axis of(int start, int length, int targetLength, int limit) {
			int[][] index = new int[targetLength][];
			float[][] weight = new float[targetLength][];
			double scale = (double) length / targetLength;
			for (int t = 0; t < targetLength; t++) {
				if (scale > 1) {
					double from = t * scale;
					double to = from + scale;
					int first = (int) Math.floor(from);
					int last = Math.min(length - 1, (int) Math.ceil(to) - 1);
					index[t] = new int[last - first + 1];
					weight[t] = new float[last - first + 1];
					for (int s = first; s <= last; s++) {
						double covered = Math.min(to, s + 1) - Math.max(from, s);
						index[t][s - first] = Math.min(limit - 1, start + s);
						weight[t][s - first] = (float) (covered / scale);
					}
				}
				else {
					double centre = (t + 0.5) * scale - 0.5;
					int lower = (int) Math.floor(centre);
					float upperShare = (float) (centre - lower);
					int a = Math.max(0, Math.min(length - 1, lower));
					int b = Math.max(0, Math.min(length - 1, lower + 1));
					index[t] = new int[] { start + a, start + b };
					weight[t] = new float[] { 1 - upperShare, upperShare };
				}
			}
			return new Axis(index, weight);
		}
	}

}
