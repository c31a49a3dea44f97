package dev.berth.ml.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class InFlightRequestsTest {

	final AtomicInteger closed = new AtomicInteger();

	final InFlightRequests requests = new InFlightRequests(closed::incrementAndGet);

	@Test
	void retiringAnIdleVersionClosesItAtOnce() {
		requests.retire();
		assertThat(closed).hasValue(1);
		assertThat(requests.enter()).as("no request gets in after retirement").isFalse();
	}

	@Test
	void aRetiredVersionClosesWhenTheLastRunningRequestEnds() {
		assertThat(requests.enter()).isTrue();
		assertThat(requests.enter()).isTrue();
		requests.retire();
		assertThat(closed).hasValue(0);
		assertThat(requests.enter()).isFalse();

		requests.exit();
		assertThat(closed).as("one request still runs").hasValue(0);
		requests.exit();
		assertThat(closed).hasValue(1);
		requests.retire();
		assertThat(closed).as("closed once only").hasValue(1);
	}

	@Test
	void closesExactlyOnceWhateverTheInterleavingOfManyThreads() throws InterruptedException {
		int threads = 8;
		CountDownLatch start = new CountDownLatch(1);
		AtomicInteger ranAfterClose = new AtomicInteger();
		List<Thread> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			Thread worker = new Thread(() -> {
				try {
					start.await();
				}
				catch (InterruptedException e) {
					return;
				}
				for (int i = 0; i < 20_000; i++) {
					if (requests.enter()) {
						if (closed.get() > 0) {
							ranAfterClose.incrementAndGet();
						}
						requests.exit();
					}
				}
			});
			worker.start();
			workers.add(worker);
		}
		start.countDown();
		requests.retire();
		for (Thread worker : workers) {
			worker.join();
		}
		assertThat(closed).hasValue(1);
		assertThat(ranAfterClose).as("requests running on a closed model").hasValue(0);
		assertThat(requests.active()).isZero();
	}

}
