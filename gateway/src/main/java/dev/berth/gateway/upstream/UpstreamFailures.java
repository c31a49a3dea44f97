package dev.berth.gateway.upstream;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** What went wrong when a request could not be forwarded, judged by its causes. */
public final class UpstreamFailures {

	private UpstreamFailures() {
	}

	/**
	 * The upstream could not be reached: nothing there (refused), no such host (a stopped
	 * container leaves compose's DNS), or no connection in time.
	 */
	public static boolean unreachable(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof ConnectException || t instanceof UnknownHostException
					|| t instanceof NoRouteToHostException
					|| t.getClass().getName().equals("io.netty.channel.ConnectTimeoutException")
					|| (t instanceof ResponseStatusException status
							&& status.getStatusCode().value() == HttpStatus.SERVICE_UNAVAILABLE.value())) {
				return true;
			}
		}
		return false;
	}

	/** The upstream took a connection but did not answer within the route's timeout. */
	public static boolean timedOut(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof TimeoutException || (t instanceof ResponseStatusException status
					&& status.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value())) {
				return true;
			}
		}
		return false;
	}

}
