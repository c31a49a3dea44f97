package dev.berth.gateway.requestid;

import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Keeps a well-formed client-supplied request id (so callers can correlate their own
 * logs) and otherwise assigns a new one; the id is forwarded upstream, echoed in the
 * response and logged. First of all filters, so that every answer carries one, refusals
 * included.
 */
@Component
public class RequestIdFilter implements WebFilter, Ordered {

	public static final String HEADER = "X-Request-Id";

	/** The exchange attribute that holds the id. */
	public static final String ATTRIBUTE = RequestIdFilter.class.getName();

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String supplied = exchange.getRequest().getHeaders().getFirst(HEADER);
		String requestId = wellFormed(supplied) ? supplied : UUID.randomUUID().toString();
		exchange.getAttributes().put(ATTRIBUTE, requestId);
		exchange.getResponse().getHeaders().set(HEADER, requestId);
		// The services echo the id they were given; the client gets it once.
		exchange.getResponse().beforeCommit(() -> {
			exchange.getResponse().getHeaders().set(HEADER, requestId);
			return Mono.empty();
		});
		ServerHttpRequest request = exchange.getRequest().mutate().headers(h -> h.set(HEADER, requestId)).build();
		return chain.filter(exchange.mutate().request(request).build());
	}

	/**
	 * 1 to 64 of {@code A-Z a-z 0-9 . _ -}: bounded and plain, so a client cannot inject
	 * log lines or huge headers through it.
	 */
	static boolean wellFormed(String id) {
		if (id == null || id.isEmpty() || id.length() > 64) {
			return false;
		}
		for (int i = 0; i < id.length(); i++) {
			char c = id.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
					|| c == '-')) {
				return false;
			}
		}
		return true;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
