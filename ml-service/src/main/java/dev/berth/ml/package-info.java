/**
 * Berth's ml-service: loads the TorchScript models of a model repository with DJL +
 * PyTorch and serves them over the Open Inference Protocol (KServe V2) REST API.
 *
 * <ul>
 * <li>{@code protocol}: the V2 REST endpoints, their JSON and error bodies.
 * <li>{@code image}: {@code /predictions/{model}}, a picture in and the top labels out.
 * <li>{@code management}: the management API (index, load, unload), off by default.
 * <li>{@code reload}: hot reload, watching the repository folder for changes.
 * <li>{@code requestid}: each request's {@code X-Request-Id} in its log lines and answer.
 * <li>{@code repository}: reads the model repository, loads every version, tracks whether
 * it is ready and swaps versions in and out.
 * <li>{@code batching}: gathers concurrent requests to a model version into one forward
 * pass.
 * <li>{@code inference}: the PyTorch engine, tensors, and running one model version.
 * </ul>
 * {@code ArchitectureTest} states which package may use which.
 */
package dev.berth.ml;
