package dev.berth.web.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import dev.berth.web.inference.InferenceFailedException;
import dev.berth.web.inference.InferenceUnavailableException;
import dev.berth.web.inference.MlProperties;
import dev.berth.web.system.RequestId;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * This instance's workers ({@code berth.jobs.workers} threads): each processes batches
 * while there are queued items, sleeps with backoff when there are none, and waits longer
 * and longer while ml is unavailable. Started once the app is ready; stopped on shutdown
 * after their current batch.
 */
@Component
class JobWorkers {

	private static final Logger log = LoggerFactory.getLogger(JobWorkers.class);

	/**
	 * The first wait after an empty queue or a failed batch; doubled up to the limits.
	 */
	static final Duration FIRST_WAIT = Duration.ofMillis(100);

	private final JobProcessor processor;

	private final JobSignal signal;

	private final JobProperties properties;

	/**
	 * A batch in progress may wait this long for ml; shutdown waits that and a little
	 * more.
	 */
	private final Duration stopTimeout;

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean running;

	JobWorkers(JobProcessor processor, JobSignal signal, JobProperties properties, MlProperties ml) {
		this.processor = processor;
		this.signal = signal;
		this.properties = properties;
		this.stopTimeout = ml.connectTimeout().plus(ml.readTimeout()).plusSeconds(5);
	}

	@EventListener(ApplicationReadyEvent.class)
	synchronized void start() {
		if (running) {
			return;
		}
		running = true;
		for (int i = 1; i <= properties.workers(); i++) {
			threads.add(Thread.ofPlatform().name("job-worker-" + i).daemon().start(this::work));
		}
		log.info("Started {} batch job worker(s), {} items per batch", properties.workers(), properties.batchSize());
	}

	/**
	 * Lets each worker finish its batch, then ends it; one that takes too long is
	 * interrupted.
	 */
	@PreDestroy
	synchronized void stop() throws InterruptedException {
		running = false;
		signal.signal();
		long deadline = System.nanoTime() + stopTimeout.toNanos();
		for (Thread thread : threads) {
			if (!thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
				// Its transaction rolls back: the batch is queued again.
				thread.interrupt();
				thread.join(Duration.ofSeconds(1));
			}
		}
		threads.clear();
	}

	private void work() {
		Duration idle = FIRST_WAIT;
		Duration retry = FIRST_WAIT;
		while (running) {
			long seen = signal.generation();
			Duration wait;
			try {
				if (processor.processNextBatch(properties.batchSize()) > 0) {
					idle = FIRST_WAIT;
					retry = FIRST_WAIT;
					continue;
				}
				processor.completeFinishedJobs();
				wait = idle;
				idle = min(idle.multipliedBy(2), properties.idleWait());
			}
			catch (InferenceUnavailableException | InferenceFailedException ex) {
				// The batch was rolled back and stays queued: the job waits for ml.
				log.warn("Batch job items wait for ml, retrying in {} ms: {}", retry.toMillis(), causes(ex));
				wait = retry;
				retry = min(retry.multipliedBy(2), properties.retryWait());
			}
			catch (RuntimeException ex) {
				// E.g. the database connection was lost mid-batch: rolled back as well.
				log.warn("Batch job worker failed, retrying in {} ms", retry.toMillis(), ex);
				wait = retry;
				retry = min(retry.multipliedBy(2), properties.retryWait());
			}
			finally {
				// Set by the processor for the batch's ml call and the warnings above.
				MDC.remove(RequestId.MDC_KEY);
			}
			try {
				signal.await(seen, wait);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private static Duration min(Duration a, Duration b) {
		return a.compareTo(b) <= 0 ? a : b;
	}

	private static String causes(Throwable ex) {
		StringBuilder chain = new StringBuilder(String.valueOf(ex.getMessage()));
		for (Throwable t = ex.getCause(); t != null; t = t.getCause()) {
			chain.append(" <- ").append(t.getMessage());
		}
		return chain.toString();
	}

}
