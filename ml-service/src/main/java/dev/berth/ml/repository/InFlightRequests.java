package dev.berth.ml.repository;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the requests running on one loaded model version, so that a version that a
 * reload replaces or removes is closed only after the last of them has finished: closing
 * a DJL model under a running forward pass frees native memory that libtorch is still
 * reading. Lock-free, since every inference passes through here.
 */
public final class InFlightRequests {

	// The low bit says "retired"; the count of requests lives in the bits above it.
	private static final long RETIRED = 1;

	private static final long ONE_REQUEST = 2;

	private static final long CLOSED = -1;

	private final AtomicLong state = new AtomicLong();

	private final Runnable close;

	InFlightRequests(Runnable close) {
		this.close = close;
	}

	/**
	 * Counts a request in; false once the version is retired, so the caller looks up its
	 * successor.
	 */
	boolean enter() {
		while (true) {
			long current = state.get();
			if (current < 0 || (current & RETIRED) != 0) {
				return false;
			}
			if (state.compareAndSet(current, current + ONE_REQUEST)) {
				return true;
			}
		}
	}

	/** Counts a request out; the last one out of a retired version closes it. */
	void exit() {
		if (state.addAndGet(-ONE_REQUEST) == RETIRED) {
			closeOnce();
		}
	}

	/**
	 * Takes no new requests; closes the model now if none is running, else when the last
	 * one ends.
	 */
	void retire() {
		long before = state.getAndUpdate(current -> current < 0 ? current : current | RETIRED);
		if (before == 0) {
			closeOnce();
		}
	}

	/** Requests running now, for diagnostics and tests. */
	public long active() {
		long current = state.get();
		return current < 0 ? 0 : current / ONE_REQUEST;
	}

	private void closeOnce() {
		if (state.compareAndSet(RETIRED, CLOSED)) {
			close.run();
		}
	}

}
