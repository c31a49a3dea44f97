package dev.berth.gateway.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.berth.gateway.GatewayProperties;
import dev.berth.gateway.problem.RequestRejectedException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;

/**
 * The largest request body a route takes: its metadata's {@code max-body-size}, else
 * {@code berth.gateway.max-body-size}. A declared {@code Content-Length} above it is a
 * 413 before anything is forwarded; a body without one (chunked) is counted as it streams
 * through and cut off with a 413 when it passes the limit.
 */
@Component
class BodySizeLimitFilter implements GlobalFilter, Ordered {

	static final String METADATA = "max-body-size";

	private final DataSize defaultLimit;

	/** Parsed once per route. */
	private final Map<String, DataSize> limits = new ConcurrentHashMap<>();

	BodySizeLimitFilter(GatewayProperties properties) {
		this.defaultLimit = properties.maxBodySize();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		DataSize limit = limit(exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR));
		long declared = exchange.getRequest().getHeaders().getContentLength();
		if (declared > limit.toBytes()) {
			return Mono.error(tooLarge(limit));
		}
		if (declared >= 0 || !exchange.getRequest().getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
			// Its length is known, or it has no body.
			return chain.filter(exchange);
		}
		ServerHttpRequest counted = new ServerHttpRequestDecorator(exchange.getRequest()) {

			@Override
			public Flux<DataBuffer> getBody() {
				AtomicLong seen = new AtomicLong();
				return super.getBody().handle((buffer, sink) -> {
					if (seen.addAndGet(buffer.readableByteCount()) > limit.toBytes()) {
						DataBufferUtils.release(buffer);
						sink.error(tooLarge(limit));
					}
					else {
						sink.next(buffer);
					}
				});
			}

		};
		return chain.filter(exchange.mutate().request(counted).build());
	}

	private DataSize limit(Route route) {
		if (route == null) {
			return this.defaultLimit;
		}
		return this.limits.computeIfAbsent(route.getId(), id -> {
			Object value = route.getMetadata().get(METADATA);
			return value != null ? DataSize.parse(value.toString()) : this.defaultLimit;
		});
	}

	private static RequestRejectedException tooLarge(DataSize limit) {
		return new RequestRejectedException(HttpStatus.CONTENT_TOO_LARGE,
				"The request body is larger than this path takes (" + describe(limit) + ").");
	}

	private static String describe(DataSize size) {
		if (size.toBytes() % DataSize.ofMegabytes(1).toBytes() == 0) {
			return size.toMegabytes() + " MB";
		}
		return size.toKilobytes() + " KB";
	}

	/** After the key check: a request without a key is a 401 whatever its size. */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

}
