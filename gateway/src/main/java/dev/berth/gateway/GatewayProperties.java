package dev.berth.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Everything about the gateway that is not a route ({@code berth.gateway.*}). Every value
 * can be set from the environment, e.g. {@code BERTH_GATEWAY_API_KEYS} or
 * {@code BERTH_GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND}.
 *
 * @param webUrl the web app, where every path that no other route takes goes
 * @param mlUrl the inference server
 * @param apiKeys keys that open the inference API, each {@code name:secret} or a bare
 * secret; never logged (a key's name, or its fingerprint, is)
 * @param apiKeysFile a file with more keys, one per line as in {@code apiKeys} ({@code #}
 * starts a comment): a compose or Swarm secret
 * @param trustedProxies addresses (a regular expression) of proxies in front of the
 * gateway whose {@code X-Forwarded-*} headers are believed; from anyone else those
 * headers are dropped
 * @param maxBodySize the largest request body on a route that names no
 * {@code max-body-size} of its own
 * @param upstreamAddressTtl how long an upstream's resolved addresses are reused: with
 * several replicas behind one name (Swarm's DNS round robin, a headless Service), new
 * replicas get connections and departed ones stop getting them within this time
 */
@ConfigurationProperties("berth.gateway")
@Validated
public record GatewayProperties(@NotNull String webUrl, @NotNull String mlUrl, @DefaultValue List<String> apiKeys,
		Path apiKeysFile, @DefaultValue("^$") String trustedProxies, @DefaultValue("64KB") DataSize maxBodySize,
		@Valid @DefaultValue RateLimit rateLimit, @Valid @DefaultValue CircuitBreaker circuitBreaker,
		@Valid @DefaultValue Cors cors, @DefaultValue("true") boolean accessLog,
		@DefaultValue("5s") @NotNull Duration upstreamAddressTtl) {

	/**
	 * A token bucket per client: an API key's name, or else the client's address. Kept in
	 * each gateway replica's memory.
	 *
	 * @param requestsPerSecond the sustained rate for clients without a key
	 * @param burst how many requests such a client may send at once
	 * @param keyRequestsPerSecond the sustained rate per API key
	 * @param keyBurst how many requests an API key may send at once
	 * @param maxClients clients tracked at once; beyond it, new clients share one bucket
	 */
	public record RateLimit(@DefaultValue("100") @Min(1) int requestsPerSecond, @DefaultValue("200") @Min(1) int burst,
			@DefaultValue("2000") @Min(1) int keyRequestsPerSecond, @DefaultValue("4000") @Min(1) int keyBurst,
			@DefaultValue("100000") @Min(1) int maxClients) {
	}

	/**
	 * One breaker per upstream: it opens when connections to it fail, and answers 503 at
	 * once until {@code waitInOpen} has passed.
	 *
	 * @param failureRateThreshold percent of failed calls that opens the breaker
	 * @param minimumCalls calls needed in the window before the rate counts
	 * @param window how many of the latest calls count
	 * @param waitInOpen how long an open breaker answers 503 before it lets a few calls
	 * try
	 */
	public record CircuitBreaker(@DefaultValue("50") @Min(1) int failureRateThreshold,
			@DefaultValue("5") @Min(1) int minimumCalls, @DefaultValue("20") @Min(1) int window,
			@DefaultValue("5s") @NotNull Duration waitInOpen) {
	}

	/**
	 * Cross-origin requests: none are allowed unless their origin is listed.
	 *
	 * @param allowedOrigins origins such as {@code https://app.example.com}
	 */
	public record Cors(@DefaultValue List<String> allowedOrigins, @DefaultValue( {
			"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE" }) List<String> allowedMethods,
			@DefaultValue({ "Authorization", "Content-Type", "X-Api-Key", "X-Request-Id" }) List<String> allowedHeaders,
			@DefaultValue("30m") Duration maxAge){
	}

}
