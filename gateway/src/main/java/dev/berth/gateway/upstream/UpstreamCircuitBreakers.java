package dev.berth.gateway.upstream;

import java.net.URI;

import dev.berth.gateway.GatewayProperties;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * A circuit breaker per upstream (named by its host, e.g. {@code ml}), around the call
 * that forwards the request. Only failures to reach the upstream count (refused, unknown
 * host, no answer in time): a 5xx is an answer from a live service. While a breaker is
 * open, requests for that upstream fail at once with {@link CallNotPermittedException}, a
 * 503; after {@code wait-in-open} a few requests try again and close it if they get
 * through.
 */
@Component
class UpstreamCircuitBreakers implements GlobalFilter, Ordered {

	private final CircuitBreakerRegistry breakers;

	UpstreamCircuitBreakers(GatewayProperties properties) {
		GatewayProperties.CircuitBreaker settings = properties.circuitBreaker();
		this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
			.failureRateThreshold(settings.failureRateThreshold())
			.minimumNumberOfCalls(settings.minimumCalls())
			.slidingWindowSize(settings.window())
			.waitDurationInOpenState(settings.waitInOpen())
			.permittedNumberOfCallsInHalfOpenState(3)
			.automaticTransitionFromOpenToHalfOpenEnabled(false)
			.recordException(failure -> UpstreamFailures.unreachable(failure) || UpstreamFailures.timedOut(failure))
			.build());
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		URI upstream = route != null ? route.getUri() : null;
		if (upstream == null || upstream.getHost() == null) {
			return chain.filter(exchange);
		}
		CircuitBreaker breaker = this.breakers.circuitBreaker(upstream.getHost());
		return Mono.defer(() -> {
			if (!breaker.tryAcquirePermission()) {
				return Mono.error(CallNotPermittedException.createCallNotPermittedException(breaker));
			}
			long start = breaker.getCurrentTimestamp();
			return chain.filter(exchange)
				.doOnSuccess(done -> breaker.onSuccess(elapsed(breaker, start), breaker.getTimestampUnit()))
				.doOnError(failure -> breaker.onError(elapsed(breaker, start), breaker.getTimestampUnit(), failure))
				// A client that goes away tells nothing about the upstream.
				.doOnCancel(breaker::releasePermission);
		});
	}

	private static long elapsed(CircuitBreaker breaker, long start) {
		return breaker.getCurrentTimestamp() - start;
	}

	/** Just before the call that forwards the request, inside any retries. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 1;
	}

}
