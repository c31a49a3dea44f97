package dev.berth.ml.batching;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The requests of one model version waiting for a forward pass, in arrival order, and how
 * batches are taken off its head: the oldest request, then the ones behind it while they
 * fit the max batch size and have the same non-batch dimensions. Bounded by the max queue
 * size. With a max queue delay, the thread taking a batch waits for more requests until
 * the oldest has waited that long, unless flushed. Knows nothing of predictors: who runs
 * a batch is {@link DynamicBatcher}'s business.
 */
final class BatchQueue {

	private final BatchingPolicy policy;

	private final boolean stacks;

	private final ConcurrentLinkedQueue<PendingRequest> queue = new ConcurrentLinkedQueue<>();

	// Requests admitted whose forward pass has not started: the bounded queue's fill
	// level.
	private final AtomicInteger waiting = new AtomicInteger();

	// Taking requests off the queue's head is serialised: a batch is then a contiguous,
	// FIFO run.
	private final ReentrantLock drain = new ReentrantLock();

	// The thread holding back a batch for more requests (max queue delay > 0); arrivals
	// wake it.
	private final AtomicReference<Thread> collector = new AtomicReference<>();

	private volatile boolean flushing;

	/**
	 * @param stacks whether requests may share a forward pass; if not, a batch is one
	 * request
	 */
	BatchQueue(BatchingPolicy policy, boolean stacks) {
		this.policy = policy;
		this.stacks = stacks;
	}

	/** Queues a request; false, and nothing queued, when the queue is full. */
	boolean offer(PendingRequest request) {
		if (waiting.incrementAndGet() > policy.maxQueueSize()) {
			waiting.decrementAndGet();
			return false;
		}
		queue.offer(request);
		wakeCollector();
		return true;
	}

	/** Withdraws a queued request; false when a batch has taken it meanwhile. */
	boolean withdraw(PendingRequest request) {
		if (!request.cancel()) {
			return false;
		}
		waiting.decrementAndGet();
		drain.lock();
		try {
			queue.remove(request);
		}
		finally {
			drain.unlock();
		}
		return true;
	}

	/**
	 * Stops holding batches back for more requests: a batch goes with what is queued.
	 */
	void flush() {
		flushing = true;
		wakeCollector();
	}

	/** Counts a batch's requests out of the waiting ones as its forward pass starts. */
	void started(List<PendingRequest> batch) {
		waiting.addAndGet(-batch.size());
	}

	/** Requests admitted whose forward pass has not started. */
	int waiting() {
		return waiting.get();
	}

	boolean isEmpty() {
		return queue.isEmpty();
	}

	/**
	 * The oldest queued request whose thread holds no predictor: the one to wake when a
	 * predictor is free.
	 */
	Optional<PendingRequest> nextLeader() {
		for (PendingRequest pending : queue) {
			if (pending.state() == PendingRequest.State.QUEUED && !pending.leading) {
				return Optional.of(pending);
			}
		}
		return Optional.empty();
	}

	/**
	 * Takes the next batch off the head of the queue, marking each request TAKEN; empty
	 * when nothing is queued.
	 */
	List<PendingRequest> takeBatch() {
		drain.lock();
		try {
			Optional<PendingRequest> oldest = takeOldest();
			if (oldest.isEmpty()) {
				return List.of();
			}
			PendingRequest first = oldest.get();
			if (!stacks) {
				return List.of(first);
			}
			List<PendingRequest> batch = new ArrayList<>();
			batch.add(first);
			long rows = first.rows;
			long deadline = first.enqueued + policy.maxQueueDelay().toNanos();
			while (rows < policy.maxBatchSize()) {
				PendingRequest next = queue.peek();
				if (next == null) {
					if (waitForMore(deadline)) {
						continue;
					}
					break;
				}
				if (rows + next.rows > policy.maxBatchSize() || !first.stacksWith(next)) {
					break;
				}
				// Removes 'next': only the drain lock's holder removes from the queue.
				queue.poll();
				if (next.take()) {
					batch.add(next);
					rows += next.rows;
				}
			}
			return batch;
		}
		finally {
			drain.unlock();
		}
	}

	/** Takes the oldest queued request, skipping withdrawn ones. */
	private Optional<PendingRequest> takeOldest() {
		for (PendingRequest head = queue.poll(); head != null; head = queue.poll()) {
			if (head.take()) {
				return Optional.of(head);
			}
		}
		return Optional.empty();
	}

	/**
	 * Sleeps until a request arrives or the deadline passes; false when the batch must go
	 * now.
	 */
	private boolean waitForMore(long deadline) {
		long remaining = deadline - System.nanoTime();
		if (remaining <= 0 || flushing) {
			return false;
		}
		collector.set(Thread.currentThread());
		try {
			// Checked after registering, so an arrival between the peek above and here is
			// not missed.
			if (queue.peek() == null && !flushing) {
				LockSupport.parkNanos(this, remaining);
			}
		}
		finally {
			collector.set(null);
		}
		return true;
	}

	private void wakeCollector() {
		Thread gathering = collector.get();
		if (gathering != null) {
			LockSupport.unpark(gathering);
		}
	}

}
