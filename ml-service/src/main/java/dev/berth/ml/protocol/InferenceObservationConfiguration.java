package dev.berth.ml.protocol;

import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Leaves inference requests ({@link InferenceEndpoint}) out of Spring's
 * {@code http.server.requests} observation, unless they belong to a sampled trace.
 * {@link InferenceMetricsFilter} already counts and times them, with model and version;
 * the second timer would only add its per-request tag building and meter lookup to the
 * hot path. A request whose caller samples its trace (W3C {@code traceparent} with the
 * sampled flag) is observed, so that ml's span joins the trace; at the default sampling
 * rate that is one in ten. Every other endpoint keeps
 * {@code http_server_requests_seconds}. Public for the benchmarks' no-model server, which
 * imports it.
 */
@Configuration(proxyBeanMethods = false)
public class InferenceObservationConfiguration {

	@Bean
	ObservationPredicate inferenceRequestsTimedByBerthMetrics() {
		return (name, context) -> !(context instanceof ServerRequestObservationContext server
				&& InferenceEndpoint.of(server.getCarrier()) != null && !inSampledTrace(server.getCarrier()));
	}

	/**
	 * {@code traceparent: 00-<trace id>-<parent id>-<flags>}, flags' lowest bit: sampled.
	 */
	static boolean inSampledTrace(HttpServletRequest request) {
		String traceparent = request.getHeader("traceparent");
		if (traceparent == null || traceparent.length() < 2) {
			return false;
		}
		int flags = Character.digit(traceparent.charAt(traceparent.length() - 1), 16);
		return flags >= 0 && (flags & 1) == 1;
	}

}
