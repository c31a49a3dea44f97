package dev.berth.web.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Request size limits of the API ({@code berth.api.*}).
 *
 * @param maxJsonBody the largest JSON request body; a 784-pixel image written with full
 * double precision is about 16 KB, so the default of 64 KB leaves room and refuses a 100
 * MB body before any of it is read
 */
@ConfigurationProperties("berth.api")
public record ApiLimits(@DefaultValue("64KB") DataSize maxJsonBody) {
}
