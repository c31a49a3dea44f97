package dev.berth.web.job;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.stereotype.Component;

/**
 * Wakes this instance's idle workers when a job is created here. Jobs created by other
 * instances are found when a worker's idle wait runs out.
 */
@Component
class JobSignal {

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = lock.newCondition();

	private long generation;

	/** The current generation, to pass to {@link #await} after looking for work. */
	long generation() {
		lock.lock();
		try {
			return generation;
		}
		finally {
			lock.unlock();
		}
	}

	/** Wakes every waiting worker. */
	void signal() {
		lock.lock();
		try {
			generation++;
			changed.signalAll();
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Waits up to {@code timeout}, or less when signalled since {@code seen} (also when
	 * that happened before this call: no wake-up is lost between looking and waiting).
	 */
	void await(long seen, Duration timeout) throws InterruptedException {
		long nanos = timeout.toNanos();
		lock.lock();
		try {
			while (generation == seen && nanos > 0) {
				nanos = changed.awaitNanos(nanos);
			}
		}
		finally {
			lock.unlock();
		}
	}

}
