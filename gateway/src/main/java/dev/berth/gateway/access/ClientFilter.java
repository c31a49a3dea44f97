package dev.berth.gateway.access;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.regex.Pattern;

import dev.berth.gateway.GatewayProperties;
import dev.berth.gateway.paths.CanonicalPathFilter;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Finds out who sent each request ({@link Client}) and takes what identified it off the
 * request before it goes on: API keys never reach a service or its logs. Forwarded
 * headers are believed only from a trusted proxy; from anyone else they are dropped, so a
 * client can neither choose the address it is counted by nor the host that services put
 * in their links.
 */
@Component
class ClientFilter implements WebFilter, Ordered {

	static final String API_KEY_HEADER = "X-Api-Key";

	private static final String BEARER = "Bearer ";

	private static final List<String> FORWARDED_HEADERS = List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Host",
			"X-Forwarded-Port", "X-Forwarded-Proto", "X-Forwarded-Prefix", "X-Real-IP");

	private final ApiKeys keys;

	private final Pattern trustedProxies;

	ClientFilter(ApiKeys keys, GatewayProperties properties) {
		this.keys = keys;
		this.trustedProxies = Pattern.compile(properties.trustedProxies());
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		InetSocketAddress remote = request.getRemoteAddress();
		String remoteAddress = remote != null && remote.getAddress() != null ? remote.getAddress().getHostAddress()
				: "unknown";
		boolean viaTrustedProxy = this.trustedProxies.matcher(remoteAddress).matches();
		String address = viaTrustedProxy ? forwardedFor(request.getHeaders(), remoteAddress) : remoteAddress;

		String presented = presentedKey(request.getHeaders());
		String keyName = presented != null ? this.keys.nameOf(presented) : null;
		exchange.getAttributes().put(Client.ATTRIBUTE, new Client(address, keyName, presented != null));

		ServerHttpRequest cleaned = request.mutate().headers(headers -> {
			headers.remove(API_KEY_HEADER);
			if (presented != null) {
				headers.remove(HttpHeaders.AUTHORIZATION);
			}
			if (!viaTrustedProxy) {
				FORWARDED_HEADERS.forEach(headers::remove);
			}
		}).build();
		return chain.filter(exchange.mutate().request(cleaned).build());
	}

	private static String presentedKey(HttpHeaders headers) {
		String key = headers.getFirst(API_KEY_HEADER);
		if (key != null) {
			return key;
		}
		String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return authorization.substring(BEARER.length()).strip();
		}
		return null;
	}

	/** The address the nearest proxy saw: the last entry of X-Forwarded-For. */
	private static String forwardedFor(HttpHeaders headers, String remoteAddress) {
		List<String> values = headers.get("X-Forwarded-For");
		if (values == null || values.isEmpty()) {
			return remoteAddress;
		}
		String last = values.get(values.size() - 1);
		String address = last.substring(last.lastIndexOf(',') + 1).strip();
		return address.isEmpty() ? remoteAddress : address;
	}

	/**
	 * After the path check: a request with a bad path is refused before anything else.
	 */
	@Override
	public int getOrder() {
		return CanonicalPathFilter.ORDER + 10;
	}

}
