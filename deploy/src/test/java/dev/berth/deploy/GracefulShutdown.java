package dev.berth.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a stopping web or ml replica may take: its drain
 * ({@code berth.shutdown.drain}: it goes on answering, each answer with
 * {@code Connection: close}), then the graceful shutdown, which waits up to
 * {@code spring.lifecycle.timeout-per-shutdown-phase} for the requests in flight. The
 * orchestrator's grace period must exceed the two together, or it kills the replica while
 * it still answers.
 */
record GracefulShutdown(Duration drain, Duration phaseTimeout) {

	/** Spring's own {@code spring.lifecycle.timeout-per-shutdown-phase}. */
	static final Duration SPRING_DEFAULT_PHASE_TIMEOUT = Duration.ofSeconds(30);

	/** The Maven module that each service's image runs. */
	private static final Map<String, String> MODULE = Map.of("web", "web-backend", "ml", "ml-service");

	private static final Pattern GO_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h|d)");

	/**
	 * A service's shutdown from its settings (the environment, then its application.yml,
	 * then Spring's default).
	 */
	static GracefulShutdown of(String service, Map<String, String> environment) {
		String drain = environment.get("BERTH_SHUTDOWN_DRAIN");
		String timeout = environment.get("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE");
		return new GracefulShutdown((drain != null) ? parse(drain) : Duration.ZERO,
				(timeout != null) ? parse(timeout) : applicationsPhaseTimeout(service));
	}

	/** The longest it takes: the drain, then the graceful shutdown's phase. */
	Duration total() {
		return this.drain.plus(this.phaseTimeout);
	}

	/** {@code 10 s}, {@code 500 ms}: for failure messages. */
	static String format(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
	}

	@Override
	public String toString() {
		return "drain " + format(this.drain) + ", then up to " + format(this.phaseTimeout) + " of graceful shutdown";
	}

	private static Duration applicationsPhaseTimeout(String service) {
		String module = MODULE.get(service);
		if (module == null) {
			throw new IllegalArgumentException("no module known for the service " + service);
		}
		Object yaml = ComposeFile.yaml(Path.of("..", module, "src", "main", "resources", "application.yml"));
		Object value = yaml;
		for (String key : new String[] { "spring", "lifecycle", "timeout-per-shutdown-phase" }) {
			value = (value instanceof Map<?, ?> map) ? map.get(key) : null;
		}
		return (value != null) ? parse(value.toString()) : SPRING_DEFAULT_PHASE_TIMEOUT;
	}

	/**
	 * A duration as Spring ({@code 10s}, {@code 500} for milliseconds, {@code PT10S}) or
	 * Docker ({@code 1m30s}) writes it.
	 */
	static Duration parse(String text) {
		String value = text.trim();
		if (value.matches("[+]?\\d+")) {
			return Duration.ofMillis(Long.parseLong(value));
		}
		if (value.toUpperCase().startsWith("P")) {
			return Duration.parse(value.toUpperCase());
		}
		Matcher matcher = GO_DURATION.matcher(value);
		Duration duration = Duration.ZERO;
		int end = 0;
		while (matcher.find() && matcher.start() == end) {
			double amount = Double.parseDouble(matcher.group(1));
			long nanosPerUnit = switch (matcher.group(2)) {
				case "ns" -> 1L;
				case "us", "µs" -> 1_000L;
				case "ms" -> 1_000_000L;
				case "s" -> 1_000_000_000L;
				case "m" -> 60_000_000_000L;
				case "h" -> 3_600_000_000_000L;
				default -> 86_400_000_000_000L;
			};
			duration = duration.plusNanos(Math.round(amount * nanosPerUnit));
			end = matcher.end();
		}
		if (end == 0 || end != value.length()) {
			throw new IllegalArgumentException("not a duration: " + text);
		}
		return duration;
	}

}
