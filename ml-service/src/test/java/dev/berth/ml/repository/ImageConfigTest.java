package dev.berth.ml.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import dev.berth.ml.TestFolders;
import dev.berth.image.ImageSpec;
import dev.berth.ml.inference.ModelSignature;
import dev.berth.ml.inference.TensorDataType;
import dev.berth.ml.inference.TensorSpec;

import org.junit.jupiter.api.Test;

class ImageConfigTest {

	static final ModelSignature DIGITS = signature(TensorDataType.FP32, List.of(-1L, 1L, 28L, 28L), 64);

	@Test
	void theShippedMnistConfigTakesDigitsTheMnistWay() {
		ModelConfig config = new ModelConfigReader().read(TestFolders.SHIPPED_MNIST.resolve("config.yml"));
		ImageConfig.Spec spec = config.image().resolve(config.toSignature());

		assertThat(spec.input()).isEqualTo("input__0");
		assertThat(spec.shape()).containsExactly(1, 1, 28, 28);
		assertThat(spec.image().resize()).isEqualTo(ImageSpec.Resize.DIGIT);
		assertThat(spec.image().digitBox()).isEqualTo(20);
		assertThat(spec.image().invert()).isEqualTo(ImageSpec.Invert.AUTO);
		assertThat(spec.image().mean()).containsExactly(0.0);
		assertThat(spec.image().std()).containsExactly(1.0);
		assertThat(spec.softmax()).isTrue();
	}

	@Test
	void defaultsComeFromTheInputShape() {
		ImageConfig.Spec spec = image(null, null, null, null, null).resolve(DIGITS);

		assertThat(spec.image().channels()).isEqualTo(1);
		assertThat(spec.image().width()).isEqualTo(28);
		assertThat(spec.image().height()).isEqualTo(28);
		assertThat(spec.image().resize()).isEqualTo(ImageSpec.Resize.STRETCH);
		assertThat(spec.image().invert()).isEqualTo(ImageSpec.Invert.NEVER);
		assertThat(spec.image().digitBox()).isEqualTo(20);
	}

	@Test
	void rgbWithVariableSizeNeedsWidthAndHeight() {
		ModelSignature photos = signature(TensorDataType.FP32, List.of(-1L, 3L, -1L, -1L), 8);
		assertThatThrownBy(() -> image("rgb", null, null, null, null).resolve(photos))
			.hasMessage("image: 'height' is needed: the input does not fix it");

		ImageConfig.Spec spec = new ImageConfig(null, "rgb", 224, 224, "stretch", null, null,
				List.of(0.485, 0.456, 0.406), List.of(0.229, 0.224, 0.225), null)
			.resolve(photos);
		assertThat(spec.shape()).containsExactly(1, 3, 224, 224);
		assertThat(spec.image().std()).containsExactly(0.229, 0.224, 0.225);
	}

	@Test
	void saysWhatDoesNotFitTheModel() {
		assertThatThrownBy(() -> image("rgb", null, null, null, null).resolve(DIGITS))
			.hasMessage("image: input 'input__0' declares 1 channels, the image block 3");
		assertThatThrownBy(() -> image(null, 32, null, null, null).resolve(DIGITS))
			.hasMessage("image: input 'input__0' declares 28 width, the image block 32");
		assertThatThrownBy(() -> image("cmyk", null, null, null, null).resolve(DIGITS))
			.hasMessage("image: color 'cmyk' is not supported (supported: grayscale, rgb)");
		assertThatThrownBy(() -> image(null, null, "crop", null, null).resolve(DIGITS))
			.hasMessage("image: resize 'crop' is not supported (supported: stretch, digit)");
		assertThatThrownBy(() -> image(null, null, null, "sometimes", null).resolve(DIGITS))
			.hasMessage("image: invert 'sometimes' is not supported (supported: never, always, auto)");
		assertThatThrownBy(() -> image(null, null, "digit", null, 40).resolve(DIGITS))
			.hasMessage("image: digit_box must be 1 to 28 (the smaller side), not 40");
		assertThatThrownBy(
				() -> new ImageConfig(null, null, null, null, null, null, null, List.of(0.1, 0.2), null, null)
					.resolve(DIGITS))
			.hasMessage("image: mean must list 1 number(s), one per channel");
		assertThatThrownBy(
				() -> new ImageConfig("pixels", null, null, null, null, null, null, null, null, null).resolve(DIGITS))
			.hasMessage("image: input 'pixels' is not declared (the model takes 'input__0')");
		assertThatThrownBy(() -> image(null, null, null, null, null)
			.resolve(signature(TensorDataType.INT64, List.of(-1L, 1L, 28L, 28L), 64)))
			.hasMessage("image: input 'input__0' is INT64; pictures feed FP32 or FP64 inputs");
		assertThatThrownBy(() -> image(null, null, null, null, null)
			.resolve(signature(TensorDataType.FP32, List.of(-1L, 784L), 64))).hasMessageStartingWith(
					"image: input 'input__0' has shape [-1, 784]; pictures feed [batch, channels, height, width]");
	}

	@Test
	void aBrokenImageBlockIsAConfigError() {
		ModelConfig config = new ModelConfig("pytorch_torchscript", 64,
				List.of(new ModelConfig.TensorConfig("input__0", "FP32", List.of(-1L, 1L, 28L, 28L))),
				List.of(new ModelConfig.TensorConfig("output__0", "FP32", List.of(-1L, 10L))), null, null,
				image("rgb", null, null, null, null));
		assertThatThrownBy(config::toSignature).hasMessageStartingWith("image: input 'input__0' declares 1 channels");
	}

	private static ImageConfig image(String color, Integer width, String resize, String invert, Integer digitBox) {
		return new ImageConfig(null, color, width, null, resize, digitBox, invert, null, null, null);
	}

	private static ModelSignature signature(TensorDataType type, List<Long> shape, int maxBatchSize) {
		return new ModelSignature(List.of(new TensorSpec("input__0", type, shape)),
				List.of(new TensorSpec("output__0", TensorDataType.FP32, List.of(-1L, 10L))), maxBatchSize);
	}

}
