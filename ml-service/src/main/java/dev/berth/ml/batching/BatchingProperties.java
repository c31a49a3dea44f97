package dev.berth.ml.batching;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Server-wide dynamic batching defaults; a model's {@code config.yml}
 * {@code dynamic_batching} block overrides them one by one. The reasons for the defaults
 * are in application.yml.
 *
 * @param enabled whether concurrent requests are run as one forward pass; when off, each
 * request runs alone on the next free predictor
 * @param maxBatchSize the most rows (summed over the requests) one forward pass takes; a
 * single request with more rows still runs, alone
 * @param maxQueueDelay how long the oldest queued request may be held back to fill a
 * batch; 0 takes whatever is queued when a predictor is free
 * @param maxQueueSize the most requests that may wait for a forward pass per model
 * version; more are answered 503 with Retry-After at once
 */
@Validated
@ConfigurationProperties("berth.ml.batching")
public record BatchingProperties(@DefaultValue("true") boolean enabled, @DefaultValue("32") @Min(1) int maxBatchSize,
		@DefaultValue("0ms") @NotNull Duration maxQueueDelay, @DefaultValue("128") @Min(1) int maxQueueSize) {
}
