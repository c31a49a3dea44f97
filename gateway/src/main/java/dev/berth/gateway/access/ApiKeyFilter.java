package dev.berth.gateway.access;

import dev.berth.gateway.problem.RequestRejectedException;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Routes whose metadata says {@code api-key: required} let in only requests with a valid
 * API key ({@code Authorization: Bearer <key>} or {@code X-Api-Key: <key>}); others get
 * 401 with {@code WWW-Authenticate}.
 */
@Component
class ApiKeyFilter implements GlobalFilter, Ordered {

	static final String METADATA = "api-key";

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		if (route == null || !"required".equals(route.getMetadata().get(METADATA))) {
			return chain.filter(exchange);
		}
		Client client = Client.of(exchange);
		if (client != null && client.keyName() != null) {
			return chain.filter(exchange);
		}
		boolean presented = client != null && client.presentedKey();
		return Mono.error(new RequestRejectedException(HttpStatus.UNAUTHORIZED,
				presented ? "The API key is not valid."
						: "This API needs a key: send it as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'.")
			.withHeader(HttpHeaders.WWW_AUTHENTICATE,
					presented ? "Bearer realm=\"berth\", error=\"invalid_token\"" : "Bearer realm=\"berth\""));
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
