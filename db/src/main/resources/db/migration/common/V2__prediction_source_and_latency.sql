-- Where each prediction came from (drawn in the browser, an uploaded picture, a batch job, or a
-- program posting pixels) and how long the model took, as the web app measured the call.
-- Rows made before this version came from programs or the drawing pad; they count as API.
ALTER TABLE prediction ADD COLUMN source VARCHAR(10) NOT NULL DEFAULT 'API';
ALTER TABLE prediction ADD COLUMN latency_micros INT NULL;
ALTER TABLE prediction ADD CONSTRAINT ck_prediction_source CHECK (source IN ('DRAWN', 'UPLOADED', 'BATCH', 'API'));
ALTER TABLE prediction ADD CONSTRAINT ck_prediction_latency CHECK (latency_micros IS NULL OR latency_micros >= 0);

-- History filtered by the guessed digit, newest first.
CREATE INDEX ix_prediction_label ON prediction (predicted_label, created_at);
