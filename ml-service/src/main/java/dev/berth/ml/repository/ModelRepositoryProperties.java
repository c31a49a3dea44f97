package dev.berth.ml.repository;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where models come from and when the server counts as ready. See application.yml.
 *
 * @param modelRepository the folder scanned at startup
 * @param requireAllModels ready only when every version of every model loaded; by default
 * one ready model is enough, so a broken extra model cannot take the service down
 */
@Validated
@ConfigurationProperties("berth.ml")
public record ModelRepositoryProperties(@DefaultValue("/models") @NotNull Path modelRepository,
		@DefaultValue("false") boolean requireAllModels) {
}
