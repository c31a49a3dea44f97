package dev.berth.ml;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for something the server does in the background. The limit is only a safety net
 * against a hung test, far above what any change takes: nothing here asserts on timing.
 */
public final class Awaits {

	private static final Duration LIMIT = Duration.ofSeconds(90);

	private Awaits() {
	}

	public static void until(String what, BooleanSupplier condition) {
		long deadline = System.nanoTime() + LIMIT.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("gave up waiting for: " + what);
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new AssertionError("interrupted while waiting for: " + what, e);
			}
		}
	}

}
