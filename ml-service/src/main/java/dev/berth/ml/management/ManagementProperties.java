package dev.berth.ml.management;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The management API's switch and credential. See application.yml.
 *
 * @param enabled whether the endpoints exist; off by default, since they change what is
 * served
 * @param token the bearer token every call must carry (set it with
 * {@code BERTH_ML_MANAGEMENT_TOKEN}); required when enabled
 */
@ConfigurationProperties("berth.ml.management")
public record ManagementProperties(@DefaultValue("false") boolean enabled, String token) {

	/**
	 * Sixteen characters at least: a short token is guessed quickly by anyone who can
	 * reach the port.
	 */
	static final int MIN_TOKEN_LENGTH = 16;

	public ManagementProperties {
		if (enabled && (token == null || token.isBlank())) {
			throw new IllegalArgumentException("berth.ml.management.enabled is true but no token is set:"
					+ " set BERTH_ML_MANAGEMENT_TOKEN (berth.ml.management.token), or leave the management API off");
		}
		if (enabled && token.strip().length() < MIN_TOKEN_LENGTH) {
			throw new IllegalArgumentException("berth.ml.management.token is too short: use at least "
					+ MIN_TOKEN_LENGTH + " characters, e.g. the output of `openssl rand -hex 32`");
		}
	}

	@Override
	public String toString() {
		// Never the token itself: properties end up in logs and failure analyses.
		return "ManagementProperties[enabled=%s, token=%s]".formatted(enabled, token == null ? "unset" : "***");
	}
}
