package dev.berth.ml.reload;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When the model repository is looked at again after startup. See application.yml.
 *
 * @param enabled whether changes to the repository are picked up without a restart
 * @param pollInterval how often the whole repository is rescanned, events or not
 * @param settle how long a change's files must stay unchanged before it is loaded
 * @param watchEvents whether file system events trigger a scan at once (the rescan still
 * runs)
 */
@Validated
@ConfigurationProperties("berth.ml.reload")
public record ReloadProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("5s") @NotNull Duration pollInterval, @DefaultValue("2s") @NotNull Duration settle,
		@DefaultValue("true") boolean watchEvents) {

	public ReloadProperties {
		if (pollInterval != null && (pollInterval.isNegative() || pollInterval.isZero())) {
			throw new IllegalArgumentException("berth.ml.reload.poll-interval must be positive, not " + pollInterval);
		}
		if (settle != null && settle.isNegative()) {
			throw new IllegalArgumentException("berth.ml.reload.settle must not be negative, not " + settle);
		}
	}
}
