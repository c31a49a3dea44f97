package dev.berth.web.inference;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.springframework.stereotype.Component;

/**
 * Whether the model can be asked right now, for the browser app's degraded-mode banner.
 * Cheap to call often: ml's readiness is asked at most once per {@link #CACHED_FOR}. A
 * failed probe opens the circuit breaker, so classify fails at once too; a good one
 * closes it, so classify works again as soon as ml is back.
 */
@Component
public class InferenceStatus {

	static final Duration CACHED_FOR = Duration.ofSeconds(2);

	private final InferenceClient client;

	private final CircuitBreaker circuit;

	private volatile Probe last = new Probe(false, Long.MIN_VALUE);

	private record Probe(boolean ready, long atNanos) {
	}

	public InferenceStatus(InferenceClient client, CircuitBreaker circuit) {
		this.client = client;
		this.circuit = circuit;
	}

	public boolean isAvailable() {
		Probe probe = last;
		long now = System.nanoTime();
		if (probe.atNanos() == Long.MIN_VALUE || now - probe.atNanos() > CACHED_FOR.toNanos()) {
			probe = new Probe(client.isModelReady(), now);
			last = probe;
			boolean open = circuit.getState() == CircuitBreaker.State.OPEN;
			if (probe.ready() && open) {
				// ml is back: no need to wait out the open state.
				circuit.transitionToClosedState();
			}
			else if (!probe.ready() && !open) {
				circuit.transitionToOpenState();
			}
		}
		return probe.ready() && circuit.getState() != CircuitBreaker.State.OPEN;
	}

}
