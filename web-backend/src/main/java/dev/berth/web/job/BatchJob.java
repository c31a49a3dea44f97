package dev.berth.web.job;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A batch job as stored in {@code batch_job}. Its items (the pictures and the queue) are
 * read and written with plain JDBC by {@link JobItems}: pictures are large and the queue
 * is claimed in bulk.
 */
@Entity
@Table(name = "batch_job")
class BatchJob {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "name", nullable = false, updatable = false)
	private String name;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	// Written by workers with SQL (JobItems), never through the entity.
	@Column(name = "started_at", insertable = false, updatable = false)
	private Instant startedAt;

	@Column(name = "finished_at", insertable = false, updatable = false)
	private Instant finishedAt;

	@Enumerated(EnumType.STRING)
	@Column(name = "status", nullable = false, updatable = false, length = 10)
	private JobStatus status;

	@Column(name = "total", nullable = false, updatable = false)
	private int total;

	protected BatchJob() {
		// for JPA
	}

	BatchJob(String name, Instant createdAt, int total) {
		this.name = name;
		this.createdAt = createdAt;
		this.total = total;
		this.status = JobStatus.QUEUED;
	}

	Long getId() {
		return id;
	}

	String getName() {
		return name;
	}

	Instant getCreatedAt() {
		return createdAt;
	}

	Instant getStartedAt() {
		return startedAt;
	}

	Instant getFinishedAt() {
		return finishedAt;
	}

	JobStatus getStatus() {
		return status;
	}

	int getTotal() {
		return total;
	}

}
