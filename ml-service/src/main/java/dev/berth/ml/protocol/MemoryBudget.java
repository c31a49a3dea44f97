package dev.berth.ml.protocol;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Memory that requests share while they are parsed or decoded, counted in whatever unit
 * its owner chooses (KiB of V2 body, pixels of a picture): a request reserves its share,
 * waiting a while for room, and releases it when answered. Fair, so that a large request
 * is not starved by a stream of small ones.
 */
public final class MemoryBudget {

	private final Semaphore units;

	private final long waitNanos;

	public MemoryBudget(int units, Duration wait) {
		this.units = new Semaphore(units, true);
		this.waitNanos = wait.toNanos();
	}

	/**
	 * Reserves units, waiting up to the budget's wait for room.
	 * @return false when no room came in time, or the thread was interrupted (it stays
	 * interrupted)
	 */
	public boolean tryReserve(int count) {
		try {
			return units.tryAcquire(count, waitNanos, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	public void release(int count) {
		units.release(count);
	}

	/** Units free at this moment: what no request holds. */
	public int available() {
		return units.availablePermits();
	}

}
