package dev.berth.gateway.accesslog;

import java.net.InetSocketAddress;

import dev.berth.gateway.GatewayProperties;
import dev.berth.gateway.access.Client;
import dev.berth.gateway.logging.TraceIds;
import dev.berth.gateway.problem.ProblemDetailsHandler;
import dev.berth.gateway.requestid.RequestIdFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * One line per request on the logger {@code berth.access}, when its answer is complete:
 * {@code method path route status duration_ms client request_id trace_id} as
 * {@code key=value} pairs, also attached as key-value pairs for structured log formats.
 * The path is the raw one without its query (which may hold anything); the client is a
 * key's name or an address, never the key. A failed request is answered here by the
 * problem details handler, so that the line has the status the client got.
 */
@Component
class AccessLogFilter implements WebFilter, Ordered {

	private static final Logger log = LoggerFactory.getLogger("berth.access");

	private final ProblemDetailsHandler problems;

	private final boolean enabled;

	private final Environment environment;

	/** Known once the management server has started; -1 until then. */
	private volatile int managementPort = -1;

	AccessLogFilter(ProblemDetailsHandler problems, GatewayProperties properties, Environment environment) {
		this.problems = problems;
		this.enabled = properties.accessLog();
		this.environment = environment;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!this.enabled || !log.isInfoEnabled() || onManagementPort(exchange)) {
			return chain.filter(exchange);
		}
		long start = System.nanoTime();
		return chain.filter(exchange)
			.onErrorResume(failure -> this.problems.handle(exchange, failure))
			.doFinally(signal -> write(exchange, signal == SignalType.CANCEL, (System.nanoTime() - start) / 1_000_000));
	}

	/** Healthchecks and metrics scrapes every few seconds are not traffic. */
	private boolean onManagementPort(ServerWebExchange exchange) {
		int port = this.managementPort;
		if (port < 0) {
			Integer started = this.environment.getProperty("local.management.port", Integer.class);
			if (started == null) {
				return false;
			}
			this.managementPort = port = started;
		}
		InetSocketAddress local = exchange.getRequest().getLocalAddress();
		return local != null && local.getPort() == port;
	}

	private static void write(ServerWebExchange exchange, boolean clientLeft, long millis) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		Client client = Client.of(exchange);
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		String method = exchange.getRequest().getMethod().name();
		String path = exchange.getRequest().getURI().getRawPath();
		String routeId = route != null ? route.getId() : "-";
		// 499: the client closed the connection before its answer was complete.
		int statusCode = clientLeft ? 499 : status != null ? status.value() : 0;
		String clientId = client != null ? client.id() : "-";
		String requestId = exchange.getAttribute(RequestIdFilter.ATTRIBUTE);
		String traceId = TraceIds.of(exchange);
		log.atInfo()
			.addKeyValue("method", method)
			.addKeyValue("path", path)
			.addKeyValue("route", routeId)
			.addKeyValue("status", statusCode)
			.addKeyValue("duration_ms", millis)
			.addKeyValue("client", clientId)
			.addKeyValue("request_id", requestId)
			.addKeyValue("trace_id", traceId)
			.log("method={} path={} route={} status={} duration_ms={} client={} request_id={} trace_id={}", method,
					path, routeId, statusCode, millis, clientId, requestId, traceId);
	}

	/** Around everything but the request id, so that it sees every answer. */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

}
