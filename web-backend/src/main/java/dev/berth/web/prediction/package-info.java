/**
 * The digit demo's one aggregate: a {@link dev.berth.web.prediction.Prediction} is an
 * image the model classified, what it guessed, and what a person later said it really is.
 * HTTP API under {@code /api/predictions}; table {@code prediction} (schema owned by the
 * db module's migrations).
 */
package dev.berth.web.prediction;
