-- Durable batch jobs: many pictures uploaded at once, classified in the background by workers that
-- claim queued items with SELECT ... FOR UPDATE SKIP LOCKED (MariaDB 10.6+, MySQL 8).
-- Times are UTC, as in V1.
CREATE TABLE batch_job (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    -- What the person called it, or the first file's name.
    name        VARCHAR(255) NOT NULL,
    created_at  DATETIME(6)  NOT NULL,
    -- When a worker first claimed one of its items, and when none was left queued.
    started_at  DATETIME(6)  NULL,
    finished_at DATETIME(6)  NULL,
    status      VARCHAR(10)  NOT NULL,
    -- Items at upload; progress is counted from batch_job_item, this is the denominator.
    total       INT          NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT ck_batch_job_status CHECK (status IN ('QUEUED', 'RUNNING', 'COMPLETED')),
    CONSTRAINT ck_batch_job_total CHECK (total > 0),
    CONSTRAINT ck_batch_job_finished CHECK (finished_at IS NULL OR status = 'COMPLETED')
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Job list, newest first.
CREATE INDEX ix_batch_job_created_at ON batch_job (created_at);

-- One picture of a job: the queue. A worker claims QUEUED rows in id order, holds their row locks
-- until it has stored the results, and marks them DONE or FAILED in the same transaction.
CREATE TABLE batch_job_item (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    job_id      BIGINT       NOT NULL,
    -- The item's place in the upload (0-based), the order results are listed in.
    position    INT          NOT NULL,
    -- The file's name as uploaded (inside a ZIP: its path there).
    file_name   VARCHAR(255) NOT NULL,
    -- The picture exactly as uploaded (PNG, JPEG; at most 5 MB, checked by the web app). Kept after
    -- classification so a job can be re-run with a newer model.
    picture     MEDIUMBLOB   NOT NULL,
    status      VARCHAR(10)  NOT NULL,
    -- Why a FAILED item has no prediction (e.g. "not a picture"), for the person who sent it.
    error       VARCHAR(500) NULL,
    finished_at DATETIME(6)  NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_batch_job_item_job FOREIGN KEY (job_id) REFERENCES batch_job (id) ON DELETE CASCADE,
    CONSTRAINT uq_batch_job_item_position UNIQUE (job_id, position),
    CONSTRAINT ck_batch_job_item_status CHECK (status IN ('QUEUED', 'DONE', 'FAILED')),
    CONSTRAINT ck_batch_job_item_error CHECK ((status = 'FAILED') = (error IS NOT NULL)),
    CONSTRAINT ck_batch_job_item_finished CHECK ((status = 'QUEUED') = (finished_at IS NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Claiming: the oldest QUEUED items, without scanning finished ones.
CREATE INDEX ix_batch_job_item_claim ON batch_job_item (status, id);
-- Progress of one job: counts per status without touching the pictures.
CREATE INDEX ix_batch_job_item_progress ON batch_job_item (job_id, status);

-- The item a prediction was made for. UNIQUE: the database itself refuses a second result for an
-- item, whatever a worker does. A deleted job leaves its predictions in history.
ALTER TABLE prediction ADD COLUMN job_item_id BIGINT NULL;
ALTER TABLE prediction ADD CONSTRAINT uq_prediction_job_item UNIQUE (job_item_id);
ALTER TABLE prediction ADD CONSTRAINT fk_prediction_job_item FOREIGN KEY (job_item_id) REFERENCES batch_job_item (id) ON DELETE SET NULL;
