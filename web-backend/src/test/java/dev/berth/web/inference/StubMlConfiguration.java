package dev.berth.web.inference;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Points the app at a {@link StubMlServer}. As a bean (not a per-class property source)
 * so every test class using it shares one cached application context.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StubMlConfiguration {

	/** Short, so the timeout test does not wait ten seconds. */
	public static final String READ_TIMEOUT = "1s";

	@Bean(destroyMethod = "close")
	StubMlServer stubMlServer() {
		return StubMlServer.start();
	}

	/** Each test starts with a closed circuit, whatever the previous one did to ml. */
	@Bean
	SmartInitializingSingleton resetCircuitWithStub(StubMlServer stub, CircuitBreaker mlCircuitBreaker) {
		return () -> stub.onReset(mlCircuitBreaker::reset);
	}

	@Bean
	DynamicPropertyRegistrar stubMlProperties(StubMlServer stub) {
		return registry -> {
			registry.add("berth.ml.base-url", stub::baseUrl);
			registry.add("berth.ml.read-timeout", () -> READ_TIMEOUT);
		};
	}

}
