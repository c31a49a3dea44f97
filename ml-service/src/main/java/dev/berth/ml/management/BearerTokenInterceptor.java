package dev.berth.ml.management;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/** Lets a management call through only with {@code Authorization: Bearer <token>}. */
final class BearerTokenInterceptor implements HandlerInterceptor {

	private static final String SCHEME = "Bearer ";

	private final byte[] expectedDigest;

	BearerTokenInterceptor(String token) {
		this.expectedDigest = sha256(token.strip());
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
			throw new UnauthorizedException("the management API needs 'Authorization: Bearer <token>'");
		}
		// Digests first, so the comparison takes the same time whatever the given token's
		// length
		// and wherever it differs: timing reveals nothing about the expected token.
		if (!MessageDigest.isEqual(expectedDigest, sha256(header.substring(SCHEME.length()).strip()))) {
			throw new UnauthorizedException("invalid management token");
		}
		return true;
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every Java runtime has SHA-256", e);
		}
	}

	/** A management call without the right token (HTTP 401). */
	static final class UnauthorizedException extends RuntimeException {

		UnauthorizedException(String message) {
			super(message);
		}

	}

}
