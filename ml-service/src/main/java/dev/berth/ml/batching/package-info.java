/**
 * Dynamic batching: concurrent requests to one model version are queued and run as one
 * forward pass ({@link dev.berth.ml.batching.DynamicBatcher}), up to a maximum batch size
 * or a maximum queue delay, with server-wide defaults
 * ({@link dev.berth.ml.batching.BatchingProperties}) that each model's {@code config.yml}
 * may override ({@link dev.berth.ml.batching.DynamicBatching#forModel}). Builds on the
 * inference package's predictors; knows nothing about HTTP or the model repository's
 * layout.
 */
package dev.berth.ml.batching;
