package dev.berth.deploy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The durations that the grace-period rules compare, read as Spring and Docker read them.
 */
class GracefulShutdownTest {

	@Test
	void readsSpringsAndDockersDurations() {
		assertThat(GracefulShutdown.parse("10s")).isEqualTo(Duration.ofSeconds(10));
		assertThat(GracefulShutdown.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
		assertThat(GracefulShutdown.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
		assertThat(GracefulShutdown.parse("250ms")).isEqualTo(Duration.ofMillis(250));
		assertThat(GracefulShutdown.parse("2h")).isEqualTo(Duration.ofHours(2));
		// Spring: a bare number is milliseconds; ISO-8601 too.
		assertThat(GracefulShutdown.parse("500")).isEqualTo(Duration.ofMillis(500));
		assertThat(GracefulShutdown.parse("PT15S")).isEqualTo(Duration.ofSeconds(15));
		assertThatIllegalArgumentException().isThrownBy(() -> GracefulShutdown.parse("10 seconds"));
		assertThatIllegalArgumentException().isThrownBy(() -> GracefulShutdown.parse("s10"));
	}

	@Test
	void withoutSettingsTheApplicationsOwnValuesApply() {
		// web's application.yml leaves the phase timeout at Spring's default; ml's
		// sets its own (8 s when this was written).
		assertThat(GracefulShutdown.of("web", Map.of()))
			.isEqualTo(new GracefulShutdown(Duration.ZERO, GracefulShutdown.SPRING_DEFAULT_PHASE_TIMEOUT));
		GracefulShutdown ml = GracefulShutdown.of("ml", Map.of());
		assertThat(ml.drain()).isZero();
		assertThat(ml.phaseTimeout()).isPositive().isNotEqualTo(GracefulShutdown.SPRING_DEFAULT_PHASE_TIMEOUT);
		assertThat(GracefulShutdown
			.of("ml", Map.of("BERTH_SHUTDOWN_DRAIN", "10s", "SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE", "15s"))
			.total()).isEqualTo(Duration.ofSeconds(25));
	}

}
