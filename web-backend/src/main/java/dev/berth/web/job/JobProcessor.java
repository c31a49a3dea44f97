package dev.berth.web.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.MDC;

import dev.berth.web.job.JobQueue.Claimed;
import dev.berth.web.job.JobQueue.ItemPrediction;
import dev.berth.web.job.JobQueue.Outcome;
import dev.berth.web.prediction.PictureReader;
import dev.berth.web.prediction.Pixels;
import dev.berth.web.prediction.Prediction;
import dev.berth.web.prediction.PredictionService;
import dev.berth.web.prediction.Source;
import dev.berth.web.prediction.UnusablePictureException;
import dev.berth.web.system.RequestId;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One batch of a worker: claim items, classify them with one model call, store the
 * results, all in one transaction. Whatever goes wrong before the commit (ml down, the
 * database connection lost, the process killed) rolls the whole batch back: its items are
 * queued again and none has a result.
 */
@Component
class JobProcessor {

	/** Longest error text kept (the column's size). */
	static final int MAX_ERROR_LENGTH = 500;

	/** Picture bytes read from the database at a time. */
	static final long READ_BYTES = 8L << 20;

	private final JobQueue queue;

	private final PictureReader pictures;

	private final PredictionService predictions;

	private final TransactionTemplate batch;

	JobProcessor(JobQueue queue, PictureReader pictures, PredictionService predictions,
			PlatformTransactionManager transactions) {
		this.queue = queue;
		this.pictures = pictures;
		this.predictions = predictions;
		this.batch = new TransactionTemplate(transactions);
		// No gap locks: on InnoDB, REPEATABLE READ would lock the index range after the
		// last queued item and hold up new uploads until the batch commits.
		this.batch.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
	}

	/**
	 * Processes the next batch of queued items, if any. The batch's work is named
	 * {@code job-<id>} (of its first item's job) as the {@link RequestId} of its ml call
	 * and log lines; the caller removes it once it has logged the batch's outcome.
	 * @return how many items it finished (0: the queue held none that no one else holds)
	 * @throws dev.berth.web.inference.InferenceUnavailableException when ml is down: the
	 * batch is rolled back, its items stay queued
	 */
	int processNextBatch(int limit) {
		Set<Long> jobs = new LinkedHashSet<>();
		Instant claimedAt = UtcTimes.now();
		Integer finished = batch.execute(status -> {
			List<Claimed> claimed = queue.claim(limit);
			if (claimed.isEmpty()) {
				return 0;
			}
			claimed.forEach(item -> jobs.add(item.jobId()));
			MDC.put(RequestId.MDC_KEY, "job-" + claimed.get(0).jobId());
			classifyAndStore(claimed);
			return claimed.size();
		});
		// Both after the commit, each in a short transaction of its own: the batch's
		// transaction never locks a job's row (which made workers wait for, and deadlock
		// with, each other), and of two workers finishing a job's last batches at once,
		// the later one sees both committed.
		if (!jobs.isEmpty()) {
			batch.executeWithoutResult(status -> queue.markRunning(jobs, claimedAt));
		}
		jobs.forEach(this::completeIfDone);
		return finished;
	}

	private void classifyAndStore(List<Claimed> claimed) {
		List<Claimed> readable = new ArrayList<>();
		List<Pixels> inputs = new ArrayList<>();
		List<Outcome> outcomes = new ArrayList<>();
		for (List<Claimed> group : bySize(claimed)) {
			Map<Long, byte[]> bytes = queue.pictures(group);
			for (Claimed item : group) {
				try {
					inputs.add(pictures.read(bytes.get(item.id())));
					readable.add(item);
				}
				catch (UnusablePictureException ex) {
					outcomes.add(new Outcome(item.id(), ItemStatus.FAILED, shorten(ex.getMessage())));
				}
			}
		}
		// Made as every other prediction is; the batch is stored with JDBC below.
		List<Prediction> made = predictions.predict(inputs, Source.BATCH);
		List<ItemPrediction> stored = new ArrayList<>(readable.size());
		for (int i = 0; i < readable.size(); i++) {
			stored.add(new ItemPrediction(readable.get(i).id(), made.get(i)));
			outcomes.add(new Outcome(readable.get(i).id(), ItemStatus.DONE, null));
		}
		queue.insertPredictions(stored);
		queue.finish(outcomes, UtcTimes.now());
	}

	/**
	 * Claimed items in groups whose pictures add up to at most {@link #READ_BYTES} (a
	 * larger picture alone): one query per group, and never a whole batch of large
	 * pictures in memory at once.
	 */
	private static List<List<Claimed>> bySize(List<Claimed> claimed) {
		List<List<Claimed>> groups = new ArrayList<>();
		List<Claimed> group = new ArrayList<>();
		long bytes = 0;
		for (Claimed item : claimed) {
			if (!group.isEmpty() && bytes + item.bytes() > READ_BYTES) {
				groups.add(group);
				group = new ArrayList<>();
				bytes = 0;
			}
			group.add(item);
			bytes += item.bytes();
		}
		if (!group.isEmpty()) {
			groups.add(group);
		}
		return groups;
	}

	/**
	 * Marks the job completed when no item is left queued, as committed now. In a
	 * transaction of its own: pooled connections are never in autocommit mode.
	 */
	boolean completeIfDone(long jobId) {
		return Boolean.TRUE
			.equals(batch.execute(status -> queue.queued(jobId) == 0 && queue.complete(jobId, UtcTimes.now())));
	}

	/**
	 * Completes jobs whose last batch was committed by a worker that died before it could
	 * mark the job: run by idle workers.
	 */
	void completeFinishedJobs() {
		queue.unfinishedJobs().forEach(this::completeIfDone);
	}

	private static String shorten(String error) {
		String text = error == null || error.isBlank() ? "not a usable picture" : error;
		return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH - 3) + "...";
	}

}
