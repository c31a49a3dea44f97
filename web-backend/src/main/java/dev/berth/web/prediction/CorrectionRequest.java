package dev.berth.web.prediction;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * {@code PATCH /api/predictions/{id}}: what the digit really is. The upper bound depends
 * on the model's labels and is checked by the service.
 */
record CorrectionRequest(@NotNull(message = "is required: the digit the image really shows") @Min(value = 0,
		message = "must be between 0 and 9") Integer correctedLabel) {
}
