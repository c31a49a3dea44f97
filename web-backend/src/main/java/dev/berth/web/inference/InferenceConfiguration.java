package dev.berth.web.inference;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The circuit breaker the ml client and the status report share. */
@Configuration(proxyBeanMethods = false)
class InferenceConfiguration {

	@Bean
	CircuitBreaker mlCircuitBreaker(MlProperties ml) {
		MlProperties.Circuit circuit = ml.circuit();
		return CircuitBreaker.of("ml",
				CircuitBreakerConfig.custom()
					.slidingWindowSize(circuit.window())
					.minimumNumberOfCalls(circuit.minimumCalls())
					.failureRateThreshold(circuit.failureRate())
					.waitDurationInOpenState(circuit.openFor())
					.permittedNumberOfCallsInHalfOpenState(2)
					// Only "ml is not there" counts, not a 4xx for a misconfigured model.
					.recordExceptions(InferenceUnavailableException.class)
					.build());
	}

}
