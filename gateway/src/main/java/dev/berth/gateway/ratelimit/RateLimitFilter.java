package dev.berth.gateway.ratelimit;

import java.util.concurrent.TimeUnit;

import dev.berth.gateway.GatewayProperties;
import dev.berth.gateway.access.Client;
import dev.berth.gateway.paths.CanonicalPathFilter;
import dev.berth.gateway.problem.RequestRejectedException;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Limits how fast each client may send requests, whatever the route: clients with a valid
 * API key by the key's budget, all others by their address. Over the limit, a 429 with
 * {@code Retry-After}. Each gateway replica counts on its own (see the operations guide).
 */
@Component
class RateLimitFilter implements WebFilter, Ordered {

	private final TokenBuckets anonymous;

	private final TokenBuckets keyed;

	RateLimitFilter(GatewayProperties properties) {
		GatewayProperties.RateLimit limit = properties.rateLimit();
		this.anonymous = new TokenBuckets(limit.requestsPerSecond(), limit.burst(), limit.maxClients(),
				System::nanoTime);
		this.keyed = new TokenBuckets(limit.keyRequestsPerSecond(), limit.keyBurst(), limit.maxClients(),
				System::nanoTime);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		Client client = Client.of(exchange);
		if (client == null) {
			return chain.filter(exchange);
		}
		long wait = (client.keyName() != null ? this.keyed : this.anonymous).take(client.id());
		if (wait == 0) {
			return chain.filter(exchange);
		}
		long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait + TimeUnit.SECONDS.toNanos(1) - 1));
		return Mono.error(new RequestRejectedException(HttpStatus.TOO_MANY_REQUESTS,
				"Too many requests from this client. Please slow down and try again in " + seconds + " s.")
			.withHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
	}

	/** Once the client is known. */
	@Override
	public int getOrder() {
		return CanonicalPathFilter.ORDER + 20;
	}

}
