package dev.berth.ml.protocol;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 413 to a request whose body is larger than
 * {@code berth.ml.protocol.max-request-size}: at once when its Content-Length says so,
 * before any of the body is read or room is made for it, or as soon as a chunked body
 * grows past the limit while it is parsed. Large bodies (over 64 KB, or of unknown
 * length) also take their size from a shared budget ({@code large-request-budget}) until
 * they are answered, and wait for room in it: parsed, their numbers take several times
 * the memory of their JSON text, and a few maximum-size requests at once would otherwise
 * exhaust the heap and stop the server. One that finds no room within
 * {@code large-request-wait} gets 503 with Retry-After. Small requests, the usual
 * traffic, never touch the budget; Tomcat's thread pool bounds how many of them are
 * parsed at once. Runs inside {@link InferenceMetricsFilter}, so refusals are counted.
 * <p>
 * Every request passes here, whatever its path, except pictures to {@code /predictions}:
 * they have their own limit ({@code berth.ml.image.max-bytes}, checked on the declared
 * length and on the bytes as they are read) and their own decoding budget. That one
 * exception is recognised on the {@link RequestPaths#normalised normalised path}, so no
 * spelling of another path escapes the limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class RequestSizeLimitFilter extends OncePerRequestFilter {

	static final long SMALL_BODY_BYTES = 64 * 1024;

	private final long maxBytes;

	// In KiB: a budget counts ints.
	private final MemoryBudget largeBodies;

	private final int budgetKib;

	RequestSizeLimitFilter(ProtocolProperties properties) {
		this.maxBytes = properties.maxRequestSize().toBytes();
		this.budgetKib = (int) Math.min(Integer.MAX_VALUE, Math.max(1, properties.largeRequestBudget().toKilobytes()));
		this.largeBodies = new MemoryBudget(budgetKib, properties.largeRequestWait());
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return RequestPaths.normalised(request).startsWith("/predictions/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long length = request.getContentLengthLong();
		if (length > maxBytes) {
			refuse(response, HttpStatus.PAYLOAD_TOO_LARGE,
					"request body of %d bytes is larger than the limit of %d bytes".formatted(length, maxBytes));
			return;
		}
		boolean chunked = length < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
		HttpServletRequest limited = chunked ? new LimitedRequest(request, maxBytes) : request;
		if (!chunked && length <= SMALL_BODY_BYTES) {
			// Small or no body (a GET): parsed at once, no budget needed.
			chain.doFilter(limited, response);
			return;
		}
		int kib = (int) Math.min(budgetKib, ((chunked ? maxBytes : length) + 1023) / 1024);
		if (!largeBodies.tryReserve(kib)) {
			response.setHeader(HttpHeaders.RETRY_AFTER, "1");
			refuse(response, HttpStatus.SERVICE_UNAVAILABLE,
					"the server is busy parsing other large requests; retry, or send fewer rows per request");
			return;
		}
		try {
			chain.doFilter(limited, response);
		}
		finally {
			largeBodies.release(kib);
		}
	}

	/** KiB of the large-body budget that no request holds at this moment. */
	int largeBodyBudgetAvailableKib() {
		return largeBodies.available();
	}

	private static void refuse(HttpServletResponse response, HttpStatus status, String message) throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		// Messages hold digits and ASCII words only: nothing to escape.
		response.getWriter().write("{\"error\":\"" + message + "\"}");
	}

	/**
	 * Counts what a body without a Content-Length delivers and fails the read past the
	 * limit.
	 */
	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long maxBytes;

		private ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				stream = new LimitedStream(super.getInputStream(), maxBytes);
			}
			return stream;
		}

	}

	private static final class LimitedStream extends ServletInputStream {

		private final ServletInputStream in;

		private final long maxBytes;

		private long read;

		LimitedStream(ServletInputStream in, long maxBytes) {
			this.in = in;
			this.maxBytes = maxBytes;
		}

		@Override
		public int read() throws IOException {
			int b = in.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = in.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws RequestTooLargeException {
			read += n;
			if (read > maxBytes) {
				throw new RequestTooLargeException(
						"request body is larger than the limit of %d bytes".formatted(maxBytes));
			}
		}

		@Override
		public boolean isFinished() {
			return in.isFinished();
		}

		@Override
		public boolean isReady() {
			return in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			in.setReadListener(listener);
		}

	}

}
