package dev.berth.ml.requestid;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Puts the request's id into the logging context ({@code requestId}, which the log
 * pattern prints) while the request is served on its thread, and echoes it in the answer.
 * The id is the caller's {@code X-Request-Id} when it is well formed, else a new one.
 * First of all filters, so that refusals by the others carry the id too. Work handed to
 * other threads (a dynamic batch's forward pass) logs without it.
 * <p>
 * A plain filter rather than a once-per-request one: it runs once, on the request
 * dispatch, without request attributes to mark that it ran; every inference passes here.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter implements Filter {

	static final String HEADER = "X-Request-Id";

	/** The logging context key; the web app logs its requests under the same one. */
	static final String MDC_KEY = "requestId";

	private static final int MAX_LENGTH = 64;

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		String supplied = ((HttpServletRequest) request).getHeader(HEADER);
		String requestId = wellFormed(supplied) ? supplied : newId();
		((HttpServletResponse) response).setHeader(HEADER, requestId);
		MDC.put(MDC_KEY, requestId);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(MDC_KEY);
		}
	}

	/**
	 * 1 to 64 of {@code A-Z a-z 0-9 . _ -}, as the gateway allows: bounded and plain, so
	 * a caller cannot forge log lines or bloat them through it.
	 */
	static boolean wellFormed(String id) {
		if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
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

	/**
	 * A random (version 4) UUID from the thread's own generator: an id must be unique,
	 * not unguessable, and {@link UUID#randomUUID()} draws from one SecureRandom that
	 * every request thread would contend for.
	 */
	static String newId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long high = (random.nextLong() & ~0xF000L) | 0x4000L;
		long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
		return new UUID(high, low).toString();
	}

}
