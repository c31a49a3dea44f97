package dev.berth.web.system;

import java.io.IOException;
import java.util.UUID;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request its {@link RequestId}: the gateway's {@code X-Request-Id} when it
 * is well formed, otherwise a new UUID (so the app also works without the gateway). It is
 * in the MDC while the request is handled and echoed in the response. First of all
 * filters, so every log line and every answer, refusals included, carries it.
 */
@Component
class RequestIdFilter extends OncePerRequestFilter implements Ordered {

	/** Keeps the id for the request's later (async, error) dispatches. */
	private static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String id = (request.getAttribute(ATTRIBUTE) instanceof String earlier) ? earlier : fromGatewayOrNew(request);
		request.setAttribute(ATTRIBUTE, id);
		response.setHeader(RequestId.HEADER, id);
		MDC.put(RequestId.MDC_KEY, id);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(RequestId.MDC_KEY);
		}
	}

	private static String fromGatewayOrNew(HttpServletRequest request) {
		String supplied = request.getHeader(RequestId.HEADER);
		return RequestId.isWellFormed(supplied) ? supplied : UUID.randomUUID().toString();
	}

	// A later dispatch (async, error) may run on another thread, after the first one
	// cleared the MDC: each puts the id back.
	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
