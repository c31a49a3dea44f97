package dev.berth.web.job;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Batch jobs ({@code berth.jobs.*}; values and their environment variables are documented
 * in application.yml).
 *
 * @param workers worker threads per web instance; 0 runs none (another instance processes
 * the queue)
 * @param batchSize items a worker claims and sends to the model in one request, at most
 * the model's {@code max_batch_size}
 * @param maxItems pictures per job
 * @param maxBytes pictures per job, in bytes as uploaded (inflated, for ZIPs)
 * @param maxPictureBytes bytes per picture
 * @param idleWait the longest a worker sleeps when the queue is empty; a job created in
 * this instance wakes it at once
 * @param retryWait the longest a worker waits before retrying while ml is unavailable
 */
@Validated
@ConfigurationProperties("berth.jobs")
public record JobProperties(@Min(0) int workers, @Min(1) @Max(1024) int batchSize, @Positive int maxItems,
		@NotNull DataSize maxBytes, @NotNull DataSize maxPictureBytes, @NotNull Duration idleWait,
		@NotNull Duration retryWait) {

}
