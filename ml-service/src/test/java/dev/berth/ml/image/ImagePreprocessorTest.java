package dev.berth.ml.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.awt.image.BufferedImage;
import java.util.List;

import dev.berth.image.ImagePreprocessor;
import dev.berth.ml.MnistSample;
import dev.berth.ml.inference.ModelSignature;
import dev.berth.ml.inference.TensorDataType;
import dev.berth.ml.inference.TensorSpec;
import dev.berth.ml.repository.ImageConfig;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ImagePreprocessorTest {

	static final ImageConfig.Spec MNIST = new ImageConfig(null, "grayscale", 28, 28, "digit", 20, "auto", null, null,
			null)
		.resolve(
				new ModelSignature(List.of(new TensorSpec("input__0", TensorDataType.FP32, List.of(-1L, 1L, 28L, 28L))),
						List.of(new TensorSpec("output__0", TensorDataType.FP32, List.of(-1L, 10L))), 64));

	static MnistSample sample;

	@BeforeAll
	static void loadSample() {
		sample = MnistSample.load();
	}

	@Test
	void darkInkOnPaperGivesTheSameInputAsLightInkOnBlack() {
		for (int i = 0; i < 20; i++) {
			double[] light = ImagePreprocessor.toInput(DigitImages.small(sample.images().get(i), false), MNIST.image());
			double[] dark = ImagePreprocessor.toInput(DigitImages.small(sample.images().get(i), true), MNIST.image());
			for (int p = 0; p < light.length; p++) {
				assertThat(dark[p]).as("digit %d pixel %d", i, p).isCloseTo(light[p], offset(1e-5));
			}
		}
	}

	@Test
	void theDigitIsFittedIntoTwentyPixelsAndCentredByItsMass() {
		BufferedImage large = DigitImages.large(sample.images().get(1));
		double[] input = ImagePreprocessor.toInput(large, MNIST.image());

		int minX = 28;
		int maxX = -1;
		int minY = 28;
		int maxY = -1;
		double mass = 0;
		double sumX = 0;
		double sumY = 0;
		for (int y = 0; y < 28; y++) {
			for (int x = 0; x < 28; x++) {
				double v = input[y * 28 + x];
				assertThat(v).isBetween(0.0, 1.0);
				if (v > 0) {
					minX = Math.min(minX, x);
					maxX = Math.max(maxX, x);
					minY = Math.min(minY, y);
					maxY = Math.max(maxY, y);
				}
				mass += v;
				sumX += v * (x + 0.5);
				sumY += v * (y + 0.5);
			}
		}
		assertThat(Math.max(maxX - minX + 1, maxY - minY + 1)).isEqualTo(20);
		assertThat(sumX / mass).isCloseTo(14, offset(0.5));
		assertThat(sumY / mass).isCloseTo(14, offset(0.5));
	}

	@Test
	void aDrawingOnATransparentBackgroundKeepsItsStrokesWhateverTheirColour() {
		float[] pixels = sample.images().get(2);
		double[] reference = ImagePreprocessor.toInput(DigitImages.small(pixels, false), MNIST.image());
		for (int ink : new int[] { 0x000000, 0xffffff }) {
			BufferedImage drawing = new BufferedImage(28, 28, BufferedImage.TYPE_INT_ARGB);
			for (int i = 0; i < pixels.length; i++) {
				int alpha = Math.round(pixels[i] * 255);
				drawing.setRGB(i % 28, i / 28, (alpha << 24) | ink);
			}
			double[] input = ImagePreprocessor.toInput(drawing, MNIST.image());
			for (int p = 0; p < input.length; p++) {
				assertThat(input[p]).as("ink %06x pixel %d", ink, p).isCloseTo(reference[p], offset(0.01));
			}
		}
	}

	@Test
	void aBlankPictureGivesABlankInput() {
		BufferedImage white = new BufferedImage(50, 40, BufferedImage.TYPE_INT_RGB);
		white.getGraphics().fillRect(0, 0, 50, 40);
		assertThat(ImagePreprocessor.toInput(white, MNIST.image())).containsOnly(0.0);
	}

	@Test
	void stretchScalesTheWholeRgbPictureAndNormalisesChannelFirst() {
		ImageConfig.Spec spec = new ImageConfig(null, "rgb", 2, 1, "stretch", null, null, List.of(0.5, 0.5, 0.5),
				List.of(0.5, 0.5, 0.5), null)
			.resolve(new ModelSignature(List.of(new TensorSpec("x", TensorDataType.FP32, List.of(-1L, 3L, -1L, -1L))),
					List.of(new TensorSpec("y", TensorDataType.FP32, List.of(-1L, 2L))), 4));
		BufferedImage picture = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < 2; y++) {
			for (int x = 0; x < 4; x++) {
				picture.setRGB(x, y, x < 2 ? 0xff0000 : 0x0000ff);
			}
		}
		// Left half red, right half blue: per channel (value - 0.5) / 0.5.
		assertThat(ImagePreprocessor.toInput(picture, spec.image())).containsExactly(1, -1, -1, -1, -1, 1);
	}

	@Test
	void sixteenBitGrayIsReadAsStored() {
		BufferedImage gray16 = new BufferedImage(28, 28, BufferedImage.TYPE_USHORT_GRAY);
		BufferedImage gray8 = DigitImages.small(sample.images().get(3), false);
		for (int y = 0; y < 28; y++) {
			for (int x = 0; x < 28; x++) {
				gray16.getRaster().setSample(x, y, 0, gray8.getRaster().getSample(x, y, 0) * 257);
			}
		}
		double[] wide = ImagePreprocessor.toInput(gray16, MNIST.image());
		double[] narrow = ImagePreprocessor.toInput(gray8, MNIST.image());
		for (int p = 0; p < wide.length; p++) {
			assertThat(wide[p]).isCloseTo(narrow[p], offset(1e-5));
		}
	}

}
