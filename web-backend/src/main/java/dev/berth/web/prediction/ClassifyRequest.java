package dev.berth.web.prediction;

import java.util.List;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/predictions}: the image to classify.
 *
 * @param pixels 784 values (28x28, row-major) in 0..1, white digit on black
 */
record ClassifyRequest(@NotNull(message = "is required: 784 values (a 28x28 image) between 0 and 1") @Size(
		min = Pixels.COUNT, max = Pixels.COUNT,
		message = "must hold exactly {max} values (a 28x28 image)") List<@NotNull(
				message = "must be a number between 0 and 1") @DecimalMin(value = "0",
						message = "must be between 0 and 1") @DecimalMax(value = "1",
								message = "must be between 0 and 1") Double> pixels) {
}
