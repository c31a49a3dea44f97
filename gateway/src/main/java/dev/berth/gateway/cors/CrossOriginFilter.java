package dev.berth.gateway.cors;

import java.net.URI;
import java.util.List;

import dev.berth.gateway.GatewayProperties;
import dev.berth.gateway.paths.CanonicalPathFilter;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Cross-origin requests are closed by default: a browser page from another origin gets no
 * CORS headers, and its preflight requests (and requests it sends anyway) a 403 from
 * here, before they reach a service. Origins listed in
 * {@code berth.gateway.cors.allowed-origins} are let in with the configured methods and
 * headers. A request whose {@code Origin} names the host it was sent to is the browser
 * app's own and passes; the scheme is not compared, since TLS may end in front of the
 * gateway.
 */
@Component
class CrossOriginFilter implements WebFilter, Ordered {

	private final CorsWebFilter cors;

	CrossOriginFilter(GatewayProperties properties) {
		GatewayProperties.Cors settings = properties.cors();
		CorsConfiguration policy = new CorsConfiguration();
		policy.setAllowedOrigins(settings.allowedOrigins());
		policy.setAllowedMethods(settings.allowedMethods());
		policy.setAllowedHeaders(settings.allowedHeaders());
		policy.setExposedHeaders(List.of("X-Request-Id", HttpHeaders.RETRY_AFTER, HttpHeaders.LOCATION));
		policy.setMaxAge(settings.maxAge());
		this.cors = new CorsWebFilter(exchange -> policy);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String origin = exchange.getRequest().getHeaders().getOrigin();
		if (origin == null || sameHost(origin, exchange.getRequest().getHeaders().getFirst(HttpHeaders.HOST))) {
			return chain.filter(exchange);
		}
		return this.cors.filter(exchange, chain);
	}

	private static boolean sameHost(String origin, String host) {
		if (host == null) {
			return false;
		}
		try {
			URI uri = URI.create(origin);
			String originHost = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
			String requestHost = host.endsWith(":80") || host.endsWith(":443")
					? host.substring(0, host.lastIndexOf(':')) : host;
			return originHost != null && originHost.equalsIgnoreCase(requestHost);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	@Override
	public int getOrder() {
		return CanonicalPathFilter.ORDER + 30;
	}

}
