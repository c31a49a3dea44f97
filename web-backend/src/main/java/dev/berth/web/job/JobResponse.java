package dev.berth.web.job;

import java.time.Instant;

import dev.berth.web.job.JobItems.Progress;

/**
 * A batch job as the API shows it.
 *
 * @param total pictures in the job
 * @param processed pictures finished so far: {@code succeeded + failed}
 * @param succeeded pictures classified
 * @param failed pictures that were not usable (the results say why)
 * @param resultsUrl the results as CSV, one row per picture
 */
record JobResponse(long id, JobStatus status, String name, Instant createdAt, Instant startedAt, Instant finishedAt,
		int total, int processed, int succeeded, int failed, String resultsUrl) {

	static JobResponse of(BatchJob job, Progress progress) {
		return new JobResponse(job.getId(), job.getStatus(), job.getName(), job.getCreatedAt(), job.getStartedAt(),
				job.getFinishedAt(), job.getTotal(), progress.succeeded() + progress.failed(), progress.succeeded(),
				progress.failed(), "/api/jobs/" + job.getId() + "/results.csv");
	}

}
