package dev.berth.web.job;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

import dev.berth.web.job.JobItems.Progress;
import dev.berth.web.job.UploadReader.JobPicture;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Creating batch jobs and reading their progress and results. */
@Service
class JobService {

	/** Newest first; id breaks ties between jobs created in the same microsecond. */
	private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"));

	private final BatchJobRepository jobs;

	private final JobItems items;

	private final JobSignal signal;

	private final TransactionTemplate write;

	private final TransactionTemplate read;

	JobService(BatchJobRepository jobs, JobItems items, JobSignal signal, PlatformTransactionManager transactions) {
		this.jobs = jobs;
		this.items = items;
		this.signal = signal;
		this.write = new TransactionTemplate(transactions);
		this.read = new TransactionTemplate(transactions);
		this.read.setReadOnly(true);
	}

	/**
	 * Stores the job and queues its pictures in one transaction (workers never see half a
	 * job), then wakes this instance's workers.
	 */
	JobResponse create(String name, List<JobPicture> pictures) {
		BatchJob job = write.execute(status -> {
			BatchJob saved = jobs.save(new BatchJob(name, UtcTimes.now(), pictures.size()));
			items.insert(saved.getId(), pictures);
			return saved;
		});
		signal.signal();
		return JobResponse.of(job, Progress.NONE);
	}

	JobResponse get(long id) {
		return read.execute(status -> {
			BatchJob job = jobs.findById(id).orElseThrow(() -> new JobNotFoundException(id));
			return JobResponse.of(job, items.progress(List.of(id)).getOrDefault(id, Progress.NONE));
		});
	}

	/** A page of jobs with their progress: two queries, whatever the page size. */
	Page<JobResponse> find(int page, int size) {
		return read.execute(status -> {
			Page<BatchJob> found = jobs.findAll(PageRequest.of(page, size, NEWEST_FIRST));
			Map<Long, Progress> progress = items.progress(found.map(BatchJob::getId).toList());
			return found.map(job -> JobResponse.of(job, progress.getOrDefault(job.getId(), Progress.NONE)));
		});
	}

	/** Writes the job's results as CSV; the job must exist. */
	void writeResults(long id, Writer out) throws IOException {
		ResultsCsv csv = new ResultsCsv(out);
		// Read-only transaction: PostgreSQL streams rows with a cursor only inside one.
		read.executeWithoutResult(status -> items.writeResults(id, csv));
	}

	/**
	 * @throws JobNotFoundException when there is no such job
	 */
	void requireExists(long id) {
		if (!jobs.existsById(id)) {
			throw new JobNotFoundException(id);
		}
	}

}
