package dev.berth.ml.protocol;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.berth.ml.repository.ModelRegistry;
import dev.berth.ml.repository.ModelVersion;
import dev.berth.ml.repository.ServedModel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts inference requests by model, version, endpoint and status
 * ({@code berth_ml_requests_total}) and times them end to end, body parsing and response
 * writing included ({@code berth_ml_request_duration_seconds}). Covers the V2
 * {@code infer} endpoints and the image endpoint {@code /predictions}. Names that are not
 * models of the repository are counted as model {@code _unknown}, so clients cannot grow
 * the number of series at will. Spring's own {@code http.server.requests} leaves these
 * requests out ({@link InferenceObservationConfiguration}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class InferenceMetricsFilter extends OncePerRequestFilter {

	/**
	 * Request attribute naming the version that served the request, set by the endpoint.
	 */
	static final String SERVED_VERSION = InferenceMetricsFilter.class.getName() + ".servedVersion";
	static final String REQUESTS = "berth.ml.requests";
	static final String REQUEST_DURATION = "berth.ml.request.duration";
	static final String UNKNOWN_MODEL = "_unknown";

	private static final Duration[] BUCKETS = { Duration.ofNanos(250_000), Duration.ofNanos(500_000),
			Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
			Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
			Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
			Duration.ofSeconds(10) };

	private final MeterRegistry registry;

	private final ModelRegistry models;

	// Meter lookups build ids and tags; cached per series, since every inference passes
	// here.
	private final Map<Series, Counter> counters = new ConcurrentHashMap<>();

	private final Map<Series, Timer> timers = new ConcurrentHashMap<>();

	InferenceMetricsFilter(MeterRegistry registry, ModelRegistry models) {
		this.registry = registry;
		this.models = models;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		// Every inference is a POST: other requests skip the path match below.
		return !"POST".equals(request.getMethod());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		InferenceEndpoint endpoint = InferenceEndpoint.of(request);
		if (endpoint == null) {
			chain.doFilter(request, response);
			return;
		}
		long started = System.nanoTime();
		try {
			chain.doFilter(request, response);
		}
		finally {
			long nanos = System.nanoTime() - started;
			Series series = series(request, endpoint, response.getStatus());
			counters.computeIfAbsent(series, this::counter).increment();
			timers.computeIfAbsent(series.withoutStatus(), this::timer).record(nanos, TimeUnit.NANOSECONDS);
		}
	}

	private Series series(HttpServletRequest request, InferenceEndpoint called, int status) {
		Optional<ServedModel> found = models.find(called.model());
		if (found.isEmpty()) {
			return new Series(called.endpoint(), UNKNOWN_MODEL, "", status);
		}
		ServedModel served = found.get();
		Object servedVersion = request.getAttribute(SERVED_VERSION);
		if (servedVersion instanceof String known) {
			return new Series(called.endpoint(), served.name(), known, status);
		}
		// Failed before a version answered: name the one asked for, if it exists, or the
		// default.
		String tagged = called.version() != null
				? served.version(called.version()).map(ModelVersion::version).orElse("")
				: served.defaultVersion().map(ModelVersion::version).orElse("");
		return new Series(called.endpoint(), served.name(), tagged, status);
	}

	private Counter counter(Series series) {
		return Counter.builder(REQUESTS)
			.description("Inference requests answered, by model, version, endpoint and HTTP status")
			.tags("model", series.model(), "version", series.version(), "endpoint", series.endpoint(), "status",
					Integer.toString(series.status()))
			.register(registry);
	}

	private Timer timer(Series series) {
		return Timer.builder(REQUEST_DURATION)
			.description("Inference request time in the server, from the request's first filter to its answer")
			.tags("model", series.model(), "version", series.version(), "endpoint", series.endpoint())
			.serviceLevelObjectives(BUCKETS)
			.register(registry);
	}

	private record Series(String endpoint, String model, String version, int status) {

		Series withoutStatus() {
			return new Series(endpoint, model, version, 0);
		}
	}

}
