package dev.berth.testsupport;

import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a {@link RequiresDocker} test only where Docker can run it; see there for when a
 * missing engine skips and when it fails.
 */
final class DockerCondition implements ExecutionCondition {

	static final String REQUIRE_DOCKER = "berth.tests.require-docker";

	private static final AtomicBoolean announced = new AtomicBoolean();

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		DockerEnvironment docker = DockerEnvironment.get();
		if (docker.engine().isEmpty()) {
			String reason = "no Docker engine answers (" + docker.engineProblem() + ")";
			if (dockerRequired()) {
				throw new ExtensionConfigurationException(
						reason + ": these tests must run here (" + REQUIRE_DOCKER + " or CI=true)");
			}
			if (announced.compareAndSet(false, true)) {
				System.err.println("[berth] " + reason + ": SKIPPING the tests that need Docker."
						+ " Start Docker, or run ./berth test, which prepares it.");
			}
			return ConditionEvaluationResult.disabled(reason);
		}
		docker.requireTestcontainersImages();
		return ConditionEvaluationResult.enabled("Docker answers");
	}

	private static boolean dockerRequired() {
		return Boolean.getBoolean(REQUIRE_DOCKER) || "true".equalsIgnoreCase(System.getenv("CI"));
	}

}
