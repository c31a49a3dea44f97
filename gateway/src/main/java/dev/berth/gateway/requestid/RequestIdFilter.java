package dev.berth.gateway.requestid;

import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Keeps a well-formed client-supplied request id (so callers can correlate their own
 * logs) and otherwise assigns a new one; the id is forwarded upstream and echoed in the
 * response.
 */
@Component
class RequestIdFilter implements GlobalFilter, Ordered {

	static final String HEADER = "X-Request-Id";

	// Bounded and plain, so a client cannot inject log lines or huge headers through it.
	private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		String supplied = exchange.getRequest().getHeaders().getFirst(HEADER);
		String requestId = supplied != null && ACCEPTED.matcher(supplied).matches() ? supplied
				: UUID.randomUUID().toString();
		ServerHttpRequest request = exchange.getRequest().mutate().headers(h -> h.set(HEADER, requestId)).build();
		exchange.getResponse().getHeaders().set(HEADER, requestId);
		return chain.filter(exchange.mutate().request(request).build());
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
