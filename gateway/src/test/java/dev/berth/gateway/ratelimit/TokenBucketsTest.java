package dev.berth.gateway.ratelimit;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The buckets on a clock the test moves. */
class TokenBucketsTest {

	private final AtomicLong now = new AtomicLong(1_000);

	@Test
	void aClientMaySendItsBurstAtOnceThenWaitsForTokens() {
		TokenBuckets buckets = new TokenBuckets(2, 3, 100, this.now::get);

		assertThat(buckets.take("a")).isZero();
		assertThat(buckets.take("a")).isZero();
		assertThat(buckets.take("a")).isZero();
		// Two tokens a second: the next one is half a second away.
		assertThat(buckets.take("a")).isEqualTo(TimeUnit.MILLISECONDS.toNanos(500) + 1);
		// Another client has its own bucket.
		assertThat(buckets.take("b")).isZero();

		this.now.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
		assertThat(buckets.take("a")).isZero();
		assertThat(buckets.take("a")).isPositive();
	}

	@Test
	void anIdleClientGetsNoMoreThanItsBurst() {
		TokenBuckets buckets = new TokenBuckets(2, 3, 100, this.now::get);
		this.now.addAndGet(TimeUnit.HOURS.toNanos(1));

		for (int i = 0; i < 3; i++) {
			assertThat(buckets.take("a")).isZero();
		}
		assertThat(buckets.take("a")).isPositive();
	}

	@Test
	void beyondMaxClientsFullBucketsAreDroppedAndNewClientsShareOne() {
		TokenBuckets buckets = new TokenBuckets(1, 1, 2, this.now::get);
		buckets.take("a");
		buckets.take("b");

		// Both buckets are empty, so a third client goes to the shared bucket.
		assertThat(buckets.take("c")).isZero();
		assertThat(buckets.take("d")).isPositive();
		assertThat(buckets.clients()).isEqualTo(2);

		// Once the first two have refilled, they make room.
		this.now.addAndGet(TimeUnit.SECONDS.toNanos(1));
		assertThat(buckets.take("e")).isZero();
		assertThat(buckets.clients()).isEqualTo(1);
	}

}
