package dev.berth.gateway.paths;

import dev.berth.gateway.problem.RequestRejectedException;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Lets only canonical paths in, before any route is chosen: a path must mean the same to
 * the gateway's routes and to every server behind it. Servers decode and normalise in
 * their own ways ({@code /%762/...} and {@code /v2;x=1/...} are {@code /v2/...} to
 * Tomcat), so any spelling that normalisation would change is answered 400: matrix
 * parameters, dot segments, empty segments, backslashes, percent-encoded unreserved
 * characters or slashes, and broken percent-encoding. Other percent-encoding (a space in
 * a file name) is canonical and passes.
 */
@Component
public class CanonicalPathFilter implements WebFilter, Ordered {

	/** After the request id, so that a refusal carries one. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String problem = problem(exchange.getRequest().getURI().getRawPath());
		if (problem != null) {
			return Mono.error(new RequestRejectedException(HttpStatus.BAD_REQUEST,
					"The path is not in canonical form: " + problem + "."));
		}
		return chain.filter(exchange);
	}

	/** What is wrong with this raw (still encoded) path, or null when it is canonical. */
	static String problem(String rawPath) {
		if (rawPath == null || rawPath.isEmpty()) {
			return null;
		}
		if (rawPath.charAt(0) != '/') {
			return "it must start with '/'";
		}
		for (int i = 0; i < rawPath.length(); i++) {
			char c = rawPath.charAt(i);
			switch (c) {
				case ';' -> {
					return "matrix parameters (';') are not accepted";
				}
				case '\\' -> {
					return "backslashes are not accepted";
				}
				case '%' -> {
					String encoding = encoding(rawPath, i);
					if (encoding != null) {
						return encoding;
					}
					i += 2;
				}
				case '/' -> {
					String segment = segmentAfter(rawPath, i);
					if (segment.equals(".") || segment.equals("..")) {
						return "dot segments ('.', '..') are not accepted";
					}
					if (segment.isEmpty() && i + 1 < rawPath.length()) {
						return "empty segments ('//') are not accepted";
					}
				}
				default -> {
				}
			}
		}
		return null;
	}

	private static String encoding(String rawPath, int at) {
		if (at + 2 >= rawPath.length() || Character.digit(rawPath.charAt(at + 1), 16) < 0
				|| Character.digit(rawPath.charAt(at + 2), 16) < 0) {
			return "'%' must start a percent-encoded byte such as %20";
		}
		char decoded = (char) Integer.parseInt(rawPath.substring(at + 1, at + 3), 16);
		if (decoded == '/' || decoded == '\\' || decoded == ';') {
			return "an encoded '/', '\\' or ';' (" + rawPath.substring(at, at + 3) + ") is not accepted";
		}
		if (unreserved(decoded)) {
			return "'" + rawPath.substring(at, at + 3) + "' must be written as '" + decoded + "'";
		}
		return null;
	}

	/**
	 * RFC 3986's unreserved characters: encoding them changes nothing, so it is a
	 * disguise.
	 */
	private static boolean unreserved(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~';
	}

	private static String segmentAfter(String rawPath, int slash) {
		int end = rawPath.indexOf('/', slash + 1);
		return rawPath.substring(slash + 1, end < 0 ? rawPath.length() : end);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
