/**
 * The Open Inference Protocol (KServe V2) REST API: health, server and model metadata,
 * model readiness and inference, with the protocol's JSON shapes and {@code {"error":
 * "..."}} bodies for every failure (400 bad request, 404 unknown model or version, 413
 * body too large, 503 not ready or busy, with Retry-After), the reader of its JSON
 * requests ({@link dev.berth.ml.protocol.InferenceRequestReader}), and the per-model
 * request metrics.
 *
 * <p>
 * Requests are read with Jackson's streaming parser, FP32 data straight into a
 * {@code float[]}, because a hand-written JSON reader measured against it in the same
 * benchmark run (64 clients, three rounds) served 3 % fewer requests per second than it
 * and only 5 % more than Jackson reading into doubles, where the project required 15 %
 * more than every Jackson reader to keep it. The run and its numbers are in
 * {@code docs/benchmarks.md}.
 *
 * @see <a href=
 * "https://kserve.github.io/website/docs/concepts/architecture/data-plane/v2-protocol">Open
 * Inference Protocol</a>
 */
package dev.berth.ml.protocol;
