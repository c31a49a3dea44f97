package dev.berth.web.prediction;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.berth.web.system.InvalidField;
import dev.berth.web.system.InvalidRequestException;

/**
 * {@code POST /api/predictions}: the image to classify.
 *
 * <p>
 * The values are a primitive array checked in one loop ({@link #checkedPixels()}):
 * element-wise bean validation of 784 boxed numbers cost more CPU than the rest of the
 * request.
 *
 * @param pixels 784 values (28x28, row-major) in 0..1, white digit on black
 */
record ClassifyRequest(
		@NotNull(message = "is required: 784 values (a 28x28 image) between 0 and 1") @Size(min = Pixels.COUNT,
				max = Pixels.COUNT, message = "must hold exactly {max} values (a 28x28 image)") double[] pixels) {

	/**
	 * @throws InvalidRequestException naming every value outside 0..1
	 */
	Pixels checkedPixels() {
		List<InvalidField> errors = null;
		for (int i = 0; i < pixels.length; i++) {
			if (!(pixels[i] >= 0 && pixels[i] <= 1)) {
				if (errors == null) {
					errors = new ArrayList<>();
				}
				errors.add(new InvalidField("pixels[" + i + "]", "must be between 0 and 1"));
			}
		}
		if (errors != null) {
			throw new InvalidRequestException(errors);
		}
		return Pixels.of(pixels);
	}

}
