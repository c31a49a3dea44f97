package dev.berth.gateway.problem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The gateway turns a request away on purpose (a bad path, no key, too many requests, too
 * large): answered as a problem detail with this status, reason and headers. No stack
 * trace: it is an answer, not a fault, and some (429s in a flood) come by the thousand.
 */
public class RequestRejectedException extends ResponseStatusException {

	private final HttpHeaders headers = new HttpHeaders();

	public RequestRejectedException(HttpStatus status, String reason) {
		super(status, reason);
	}

	/** Adds a response header, e.g. {@code Retry-After}. */
	public RequestRejectedException withHeader(String name, String value) {
		this.headers.set(name, value);
		return this;
	}

	@Override
	public HttpHeaders getHeaders() {
		return this.headers;
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

}
