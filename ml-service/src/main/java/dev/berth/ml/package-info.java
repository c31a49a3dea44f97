/**
 * Berth's ml-service: loads the TorchScript models of a model repository with DJL +
 * PyTorch and serves them over the Open Inference Protocol (KServe V2) REST API.
 *
 * <ul>
 * <li>{@code repository}: scans the model repository, reads each model's
 * {@code config.yml}, loads every version and tracks whether it is ready.
 * <li>{@code inference}: the PyTorch engine, tensors, and running one model version.
 * <li>{@code batching}: gathers concurrent requests to a model version into one forward
 * pass.
 * <li>{@code protocol}: the V2 REST endpoints and their JSON.
 * </ul>
 */
package dev.berth.ml;
