package dev.berth.ml.protocol;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the V2 REST API. See application.yml.
 *
 * @param maxRequestSize the largest request body, for every endpoint but
 * {@code /predictions} (which has {@code berth.ml.image.max-bytes}); a larger one is
 * answered 413 before it is parsed, so a huge body cannot tie up memory and CPU
 * @param largeRequestBudget how many bytes of large request bodies (over 64 KB) are
 * parsed at once; parsed numbers take several times the memory of their JSON text, so
 * without a budget a few concurrent maximum-size requests would exhaust the heap
 * @param largeRequestWait how long a large request waits for room in that budget before
 * it is answered 503 with Retry-After
 */
@Validated
@ConfigurationProperties("berth.ml.protocol")
public record ProtocolProperties(@DefaultValue("16MB") @NotNull DataSize maxRequestSize,
		@DefaultValue("16MB") @NotNull DataSize largeRequestBudget,
		@DefaultValue("2s") @NotNull Duration largeRequestWait) {

}
