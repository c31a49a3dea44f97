package dev.berth.ml.image;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on uploaded pictures. See application.yml.
 *
 * @param maxBytes the largest body (or multipart part) accepted; larger ones get 413
 * @param maxPixels the most pixels a picture may have, checked from its header before it
 * is decoded (a small PNG can claim 100,000 x 100,000 pixels); larger ones get 413
 */
@Validated
@ConfigurationProperties("berth.ml.image")
public record ImageProperties(@DefaultValue("10MB") @NotNull DataSize maxBytes,
		@DefaultValue("16777216") @Min(1) long maxPixels) {
}
