package dev.berth.web.system;

import java.util.regex.Pattern;

import org.slf4j.MDC;

/**
 * The id that ties together the log lines of one request in the gateway, here and in ml:
 * every log line shows it (logging.pattern.level), and calls to ml pass it on. Requests
 * get it from {@link RequestIdFilter}; background work names itself, e.g. {@code job-42}.
 */
public final class RequestId {

	/** The header the gateway sets, this app echoes and ml receives. */
	public static final String HEADER = "X-Request-Id";

	/** The MDC key; ml-service logs under the same one. */
	public static final String MDC_KEY = "requestId";

	/**
	 * Bounded and plain, as the gateway enforces it, so a client cannot inject log lines
	 * or huge headers through it.
	 */
	private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private RequestId() {
	}

	/** The current thread's request id, or {@code null} outside any request or job. */
	public static String current() {
		return MDC.get(MDC_KEY);
	}

	static boolean isWellFormed(String id) {
		return id != null && WELL_FORMED.matcher(id).matches();
	}

}
