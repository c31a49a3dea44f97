package dev.berth.gateway.problem;

import java.nio.charset.StandardCharsets;

import dev.berth.gateway.requestid.RequestIdFilter;
import dev.berth.gateway.upstream.UpstreamFailures;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers every failed or refused request with a problem detail: a request the gateway
 * turns away keeps its status, reason and headers; an upstream that is down, unknown,
 * refuses connections or whose breaker is open is a fast 503 with {@code Retry-After}
 * (the client should come back; nothing reached the service); one that did not answer in
 * time is a 504; anything else a 500 without internals. Runs before Spring Boot's own
 * handler, which would answer 500 with its error page.
 */
@Component
@Order(-2)
public class ProblemDetailsHandler implements ErrorWebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsHandler.class);

	/** A restarting service is usually back in about this long. */
	static final String RETRY_AFTER_SECONDS = "5";

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(ex);
		}
		String path = exchange.getRequest().getPath().value();
		HttpStatusCode status;
		String title;
		String detail;
		boolean breakerOpen = ex instanceof CallNotPermittedException;
		if (breakerOpen || UpstreamFailures.unreachable(ex)) {
			status = HttpStatus.SERVICE_UNAVAILABLE;
			title = "Service unavailable";
			detail = "The service behind " + path + (breakerOpen ? " is down" : " is not available right now")
					+ ". Please try again in a few seconds.";
			exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
			if (!breakerOpen) {
				log.warn("{} {}: upstream unreachable ({})", exchange.getRequest().getMethod(), path, rootMessage(ex));
			}
		}
		else if (UpstreamFailures.timedOut(ex)) {
			status = HttpStatus.GATEWAY_TIMEOUT;
			title = "Gateway timeout";
			detail = "The service behind " + path + " did not answer in time.";
			log.warn("{} {}: upstream timed out ({})", exchange.getRequest().getMethod(), path, rootMessage(ex));
		}
		else if (ex instanceof ResponseStatusException known && !known.getStatusCode().is5xxServerError()) {
			status = known.getStatusCode();
			title = HttpStatus.valueOf(status.value()).getReasonPhrase();
			detail = known.getReason() != null ? known.getReason() : title;
			exchange.getResponse().getHeaders().addAll(known.getHeaders());
		}
		else {
			status = HttpStatus.INTERNAL_SERVER_ERROR;
			title = "Internal error";
			detail = "Something went wrong in the gateway. Please try again; if it keeps happening, tell the operators.";
			log.error("{} {}: unexpected error", exchange.getRequest().getMethod(), path, ex);
		}
		String requestId = exchange.getAttribute(RequestIdFilter.ATTRIBUTE);
		String body = """
				{"type":"about:blank","title":%s,"status":%d,"detail":%s,"instance":%s,"requestId":%s}""".formatted(
				json(title), status.value(), json(detail), json(path), requestId == null ? "null" : json(requestId));
		exchange.getResponse().setStatusCode(status);
		exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return exchange.getResponse()
			.writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

	/** A JSON string literal; the values here are plain text and request paths. */
	private static String json(String text) {
		StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				default -> {
					if (c < 0x20) {
						quoted.append("\\u%04x".formatted((int) c));
					}
					else {
						quoted.append(c);
					}
				}
			}
		}
		return quoted.append('"').toString();
	}

}
