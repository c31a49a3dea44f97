package dev.berth.web.job;

/** Where a batch job stands. */
public enum JobStatus {

	/** Uploaded; no worker has claimed an item yet. */
	QUEUED,

	/** A worker has claimed its first items. */
	RUNNING,

	/** No item is left queued: each is DONE or FAILED. */
	COMPLETED

}
