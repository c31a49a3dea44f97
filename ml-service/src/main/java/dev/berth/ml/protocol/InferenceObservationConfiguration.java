package dev.berth.ml.protocol;

import io.micrometer.observation.ObservationPredicate;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Leaves inference requests ({@link InferenceEndpoint}) out of Spring's
 * {@code http.server.requests} observation. {@link InferenceMetricsFilter} already counts
 * and times them, with model and version; the second timer would only add its per-request
 * tag building and meter lookup to the hot path. Every other endpoint keeps
 * {@code http_server_requests_seconds}. Public for the benchmarks' no-model server, which
 * imports it.
 */
@Configuration(proxyBeanMethods = false)
public class InferenceObservationConfiguration {

	@Bean
	ObservationPredicate inferenceRequestsTimedByBerthMetrics() {
		return (name, context) -> !(context instanceof ServerRequestObservationContext server
				&& InferenceEndpoint.of(server.getCarrier()) != null);
	}

}
