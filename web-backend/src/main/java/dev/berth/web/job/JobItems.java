package dev.berth.web.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import dev.berth.web.job.UploadReader.JobPicture;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The items of batch jobs ({@code batch_job_item}) in plain JDBC: inserted in batches,
 * counted per status, and listed with their predictions for the results.
 */
@Repository
class JobItems {

	/** Rows per JDBC batch when a job's pictures are inserted. */
	static final int INSERT_BATCH = 100;

	/** Rows the driver fetches at a time for the results, instead of all at once. */
	static final int RESULTS_FETCH_SIZE = 500;

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	private final JdbcTemplate streaming;

	JobItems(JdbcTemplate jdbc, NamedParameterJdbcTemplate named, DataSource dataSource) {
		this.jdbc = jdbc;
		this.named = named;
		this.streaming = new JdbcTemplate(dataSource);
		this.streaming.setFetchSize(RESULTS_FETCH_SIZE);
	}

	/** Queues the job's pictures, in upload order, with JDBC batches. */
	void insert(long jobId, List<JobPicture> pictures) {
		jdbc.batchUpdate(
				"INSERT INTO batch_job_item (job_id, position, file_name, picture, status)"
						+ " VALUES (?, ?, ?, ?, 'QUEUED')",
				IntStream.range(0, pictures.size()).boxed().toList(), INSERT_BATCH, (statement, position) -> {
					JobPicture picture = pictures.get(position);
					statement.setLong(1, jobId);
					statement.setInt(2, position);
					statement.setString(3, picture.fileName());
					statement.setBytes(4, picture.bytes());
				});
	}

	/** Items per status, for every job of {@code jobIds} with one grouped query. */
	Map<Long, Progress> progress(Collection<Long> jobIds) {
		Map<Long, Progress> progress = new HashMap<>();
		if (jobIds.isEmpty()) {
			return progress;
		}
		named.query("SELECT job_id, status, COUNT(*) AS items FROM batch_job_item WHERE job_id IN (:jobs)"
				+ " GROUP BY job_id, status", Map.of("jobs", jobIds), row -> {
					long job = row.getLong("job_id");
					ItemStatus status = ItemStatus.valueOf(row.getString("status"));
					progress.merge(job, Progress.of(status, row.getInt("items")), Progress::plus);
				});
		return progress;
	}

	/** Items finished so far, by outcome. */
	record Progress(int succeeded, int failed) {

		static final Progress NONE = new Progress(0, 0);

		static Progress of(ItemStatus status, int items) {
			return switch (status) {
				case QUEUED -> NONE;
				case DONE -> new Progress(items, 0);
				case FAILED -> new Progress(0, items);
			};
		}

		Progress plus(Progress other) {
			return new Progress(succeeded + other.succeeded, failed + other.failed);
		}

	}

	/**
	 * Writes the job's items with their predictions, in upload order, as the driver
	 * fetches them: a job's results are never all in memory.
	 */
	void writeResults(long jobId, ResultsCsv csv) {
		streaming.query("SELECT i.position, i.file_name, i.status, p.predicted_label, p.confidence, i.error,"
				+ " p.id AS prediction_id FROM batch_job_item i LEFT JOIN prediction p ON p.job_item_id = i.id"
				+ " WHERE i.job_id = ? ORDER BY i.position", row -> {
					try {
						csv.row(row.getInt("position") + 1, row.getString("file_name"), row.getString("status"),
								row.getObject("predicted_label", Integer.class),
								row.getObject("confidence", Double.class), row.getString("error"),
								row.getObject("prediction_id", Long.class));
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				}, jobId);
	}

}
