package dev.berth.ml.protocol;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the V2 REST API. See application.yml.
 *
 * @param maxRequestSize the largest inference request body; a larger one is answered 413 before it
 *     is parsed, so a huge body cannot tie up memory and CPU
 */
@Validated
@ConfigurationProperties("berth.ml.protocol")
public record ProtocolProperties(@DefaultValue("16MB") @NotNull DataSize maxRequestSize) {}
