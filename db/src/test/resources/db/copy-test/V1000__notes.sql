-- A schema newer than any shipped one (version 1000), in SQL every engine runs: a table that references
-- prediction and sorts before it by name (the copy must insert prediction first), and one whose
-- primary key is text (which each engine's default collation orders its own way).
CREATE TABLE correction_note (
    id            BIGINT       NOT NULL,
    prediction_id BIGINT       NOT NULL,
    note          VARCHAR(500) NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_correction_note_prediction FOREIGN KEY (prediction_id) REFERENCES prediction (id)
);

CREATE TABLE model_note (
    model_name VARCHAR(100) NOT NULL,
    note       VARCHAR(500) NULL,
    PRIMARY KEY (model_name)
);
