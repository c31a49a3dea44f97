-- One row per classification the web app asked the ml service for.
-- Times are UTC (the server runs with time_zone '+00:00', see conf.d/berth.cnf).
CREATE TABLE prediction (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    created_at      DATETIME(6)  NOT NULL,
    model_name      VARCHAR(100) NOT NULL,
    model_version   VARCHAR(50)  NOT NULL,
    predicted_label INT          NOT NULL,
    confidence      DOUBLE       NOT NULL,
    -- Every label's probability (index = label) as a JSON array, e.g. [0.001,0.97,...]: the
    -- runner-up guesses for history, and calibration or confusion queries per model later.
    probabilities   VARCHAR(1000) CHARACTER SET ascii NOT NULL,
    -- Set when a person confirms or corrects the guess; NULL means nobody has looked yet.
    corrected_label INT          NULL,
    corrected_at    DATETIME(6)  NULL,
    -- The model input as 784 bytes (28x28, row-major, 0 = black .. 255 = white): a quarter of
    -- the float size, lossless for MNIST-style 8-bit images, and enough to re-label, re-classify
    -- with a newer model, or fine-tune on corrected digits later.
    pixels          VARBINARY(784) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT ck_prediction_confidence CHECK (confidence >= 0 AND confidence <= 1),
    CONSTRAINT ck_prediction_probabilities CHECK (JSON_VALID(probabilities) AND JSON_TYPE(probabilities) = 'ARRAY'),
    CONSTRAINT ck_prediction_predicted_label CHECK (predicted_label >= 0),
    CONSTRAINT ck_prediction_corrected_label CHECK (corrected_label IS NULL OR corrected_label >= 0),
    CONSTRAINT ck_prediction_corrected CHECK ((corrected_label IS NULL) = (corrected_at IS NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- History, newest first (ties broken by id, which the index carries implicitly).
CREATE INDEX ix_prediction_created_at ON prediction (created_at);
-- Per-model accuracy: count rows and corrections by model without touching the pixels.
CREATE INDEX ix_prediction_model ON prediction (model_name, model_version, corrected_label, predicted_label);
