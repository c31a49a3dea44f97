package dev.berth.gateway.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client, in this process's memory: each holds up to {@code burst}
 * tokens and gains {@code perSecond} a second; a request takes one. Buckets that are full
 * again are dropped when the map grows large, and beyond {@code maxClients} new clients
 * share one bucket, so neither many clients nor a flood of new addresses can exhaust the
 * memory.
 */
class TokenBuckets {

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private final long perSecond;

	private final long burst;

	private final int maxClients;

	private final LongSupplier clock;

	private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final Bucket overflow;

	TokenBuckets(long perSecond, long burst, int maxClients, LongSupplier clock) {
		this.perSecond = perSecond;
		this.burst = burst;
		this.maxClients = maxClients;
		this.clock = clock;
		this.overflow = new Bucket(clock.getAsLong());
	}

	/**
	 * Takes a token from the client's bucket.
	 * @return 0 when the request may go on, else the nanoseconds until a token is there
	 */
	long take(String client) {
		long now = this.clock.getAsLong();
		Bucket bucket = this.buckets.get(client);
		if (bucket == null) {
			if (this.buckets.size() >= this.maxClients) {
				dropFullBuckets(now);
			}
			bucket = this.buckets.size() < this.maxClients
					? this.buckets.computeIfAbsent(client, ignored -> new Bucket(now)) : this.overflow;
		}
		return bucket.take(now);
	}

	int clients() {
		return this.buckets.size();
	}

	private void dropFullBuckets(long now) {
		this.buckets.values().removeIf(bucket -> bucket.isFull(now));
	}

	/** Tokens are counted in nanosecond units so that refilling needs no rounding. */
	private final class Bucket {

		private long tokens;

		private long updated;

		Bucket(long now) {
			this.tokens = TokenBuckets.this.burst * NANOS_PER_SECOND;
			this.updated = now;
		}

		synchronized long take(long now) {
			refill(now);
			long cost = NANOS_PER_SECOND;
			if (this.tokens >= cost) {
				this.tokens -= cost;
				return 0;
			}
			return (cost - this.tokens) / TokenBuckets.this.perSecond + 1;
		}

		synchronized boolean isFull(long now) {
			refill(now);
			return this.tokens == TokenBuckets.this.burst * NANOS_PER_SECOND;
		}

		private void refill(long now) {
			long capacity = TokenBuckets.this.burst * NANOS_PER_SECOND;
			long elapsed = Math.max(0, now - this.updated);
			// perSecond tokens a second: perSecond token units per elapsed nanosecond.
			long gained = elapsed > capacity / TokenBuckets.this.perSecond ? capacity
					: elapsed * TokenBuckets.this.perSecond;
			this.tokens = Math.min(capacity, this.tokens + gained);
			this.updated = now;
		}

	}

}
