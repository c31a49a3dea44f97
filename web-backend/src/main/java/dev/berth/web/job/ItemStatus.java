package dev.berth.web.job;

/** Where one picture of a batch job stands. */
enum ItemStatus {

	/** Waiting for a worker (or claimed by one that has not committed yet). */
	QUEUED,

	/** Classified: its prediction has {@code job_item_id} = the item's id. */
	DONE,

	/** Not a usable picture; the item's error says why. */
	FAILED

}
