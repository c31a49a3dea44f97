package dev.berth.shutdown;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How this replica leaves ({@code berth.shutdown.*}).
 *
 * @param drain how long it keeps answering after the stop signal, each answer with
 * {@code Connection: close}, before the graceful shutdown: longer than the callers keep
 * resolved addresses (the gateway's {@code upstream-address-ttl}, the JVM's DNS cache),
 * so that none still connects here when it closes. 0 where no other replica takes over
 * (one compose service)
 */
@ConfigurationProperties("berth.shutdown")
@Validated
public record ShutdownProperties(@DefaultValue("0s") @NotNull Duration drain) {
}
