package dev.berth.web.job;

import org.springframework.data.jpa.repository.JpaRepository;

/** Stored batch jobs; their items are in {@link JobItems}. */
interface BatchJobRepository extends JpaRepository<BatchJob, Long> {

}
