package dev.berth.web.job;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.berth.web.prediction.Prediction;
import dev.berth.web.prediction.ProbabilitiesConverter;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

/**
 * The queue of batch job items in SQL that MariaDB 10.6+, MySQL 8 and PostgreSQL all run
 * as written. Claiming locks the rows until the claiming transaction ends; every method
 * but {@link #unfinishedJobs} and {@link #queued} runs inside that transaction.
 */
@Repository
class JobQueue {

	/**
	 * The oldest queued items that no other transaction holds. SKIP LOCKED passes over
	 * rows another worker has claimed instead of waiting for them; the locks last until
	 * the claiming transaction commits or rolls back (or its connection dies), so an item
	 * is either finished with its result or queued again, never both.
	 */
	static final String CLAIM = """
			SELECT id, job_id, LENGTH(picture) AS bytes FROM batch_job_item
			WHERE status = 'QUEUED'
			ORDER BY id
			LIMIT ?
			FOR UPDATE SKIP LOCKED""";

	/** The prediction table's own format for probabilities. */
	private static final ProbabilitiesConverter PROBABILITIES = new ProbabilitiesConverter();

	private final JdbcTemplate jdbc;

	JobQueue(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** An item a worker holds, and the size of its picture. */
	record Claimed(long id, long jobId, long bytes) {
	}

	/** Claims up to {@code limit} items; they stay locked until the transaction ends. */
	List<Claimed> claim(int limit) {
		return jdbc.query(CLAIM,
				(row, n) -> new Claimed(row.getLong("id"), row.getLong("job_id"), row.getLong("bytes")), limit);
	}

	/**
	 * The pictures of some claimed items, by item id, in one query: the caller keeps a
	 * group's total size bounded (pictures may have up to 5 MB each).
	 */
	Map<Long, byte[]> pictures(List<Claimed> items) {
		String marks = String.join(",", Collections.nCopies(items.size(), "?"));
		Map<Long, byte[]> pictures = new HashMap<>();
		jdbc.query("SELECT id, picture FROM batch_job_item WHERE id IN (" + marks + ")",
				(RowCallbackHandler) row -> pictures.put(row.getLong("id"), row.getBytes("picture")),
				items.stream().map(Claimed::id).toArray());
		return pictures;
	}

	/**
	 * Marks the jobs whose first items were just claimed as running. Only jobs a plain
	 * read still finds queued are updated: the UPDATE locks the job's row until this
	 * batch commits, and doing it for every batch made the workers of one job wait for
	 * each other.
	 */
	void markRunning(Collection<Long> jobIds, Instant now) {
		for (long jobId : jobIds) {
			if (!"QUEUED"
				.equals(jdbc.queryForObject("SELECT status FROM batch_job WHERE id = ?", String.class, jobId))) {
				continue;
			}
			jdbc.update("UPDATE batch_job SET status = 'RUNNING', started_at = ? WHERE id = ? AND status = 'QUEUED'",
					statement -> {
						UtcTimes.set(statement, 1, now);
						statement.setLong(2, jobId);
					});
		}
	}

	/** What became of a claimed item: its prediction, or why there is none. */
	record Outcome(long itemId, ItemStatus status, String error) {
	}

	/**
	 * Finishes claimed items; their predictions must be inserted in the same transaction.
	 */
	void finish(List<Outcome> outcomes, Instant now) {
		int[][] updated = jdbc.batchUpdate(
				"UPDATE batch_job_item SET status = ?, error = ?, finished_at = ? WHERE id = ? AND status = 'QUEUED'",
				outcomes, outcomes.size(), (statement, outcome) -> {
					statement.setString(1, outcome.status().name());
					statement.setString(2, outcome.error());
					UtcTimes.set(statement, 3, now);
					statement.setLong(4, outcome.itemId());
				});
		for (int[] batch : updated) {
			for (int rows : batch) {
				// Drivers may answer "done, count unknown" (negative) for a batch; 0
				// means
				// the item was no longer queued, which the row lock rules out.
				if (rows == 0) {
					throw new IllegalStateException("a claimed item was finished by someone else");
				}
			}
		}
	}

	/** A prediction made for a claimed item, not yet stored. */
	record ItemPrediction(long itemId, Prediction prediction) {
	}

	/** Stores the predictions of claimed items with JDBC batches. */
	void insertPredictions(List<ItemPrediction> predictions) {
		jdbc.batchUpdate("INSERT INTO prediction (created_at, model_name, model_version, predicted_label, confidence,"
				+ " probabilities, pixels, source, latency_micros, job_item_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				predictions, predictions.size(), (statement, made) -> {
					Prediction p = made.prediction();
					UtcTimes.set(statement, 1, p.getCreatedAt());
					statement.setString(2, p.getModelName());
					statement.setString(3, p.getModelVersion());
					statement.setInt(4, p.getPredictedLabel());
					statement.setDouble(5, p.getConfidence());
					statement.setString(6, PROBABILITIES.convertToDatabaseColumn(p.getProbabilities()));
					statement.setBytes(7, p.getPixels().toBytes());
					statement.setString(8, p.getSource().name());
					statement.setLong(9, p.getLatency().toNanos() / 1000);
					statement.setLong(10, made.itemId());
				});
	}

	/** Items of the job still queued, as committed (claimed ones included). */
	int queued(long jobId) {
		return jdbc.queryForObject("SELECT COUNT(*) FROM batch_job_item WHERE job_id = ? AND status = 'QUEUED'",
				Integer.class, jobId);
	}

	/** Marks the job completed, once. */
	boolean complete(long jobId, Instant now) {
		return jdbc.update(
				"UPDATE batch_job SET status = 'COMPLETED', finished_at = ? WHERE id = ? AND status <> 'COMPLETED'",
				statement -> {
					UtcTimes.set(statement, 1, now);
					statement.setLong(2, jobId);
				}) > 0;
	}

	/** Jobs not marked completed yet. */
	List<Long> unfinishedJobs() {
		return jdbc.queryForList("SELECT id FROM batch_job WHERE status <> 'COMPLETED'", Long.class);
	}

}
