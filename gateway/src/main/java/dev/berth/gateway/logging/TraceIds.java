package dev.berth.gateway.logging;

import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;

import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * The trace id of a request, read from the server observation that WebFlux keeps on the
 * exchange. Log lines take it from here rather than from the MDC: copying the trace into
 * every event loop's thread-locals (Reactor's automatic context propagation) cost the
 * gateway a third of its throughput (docs/benchmarks.md).
 */
public final class TraceIds {

	private TraceIds() {
	}

	/** The request's trace id, or {@code null} before the server observation starts. */
	public static String of(ServerWebExchange exchange) {
		return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
			.map(context -> context.<TracingContext>get(TracingContext.class))
			.map(TracingContext::getSpan)
			.map(span -> span.context().traceId())
			.orElse(null);
	}

}
