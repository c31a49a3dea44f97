/**
 * The Open Inference Protocol (KServe V2) REST API: health, server and model metadata,
 * model readiness and inference, with the protocol's JSON shapes and {@code {"error":
 * "..."}} bodies for every failure (400 bad request, 404 unknown model or version, 413
 * body too large, 503 not ready or busy, with Retry-After), the readers of its JSON
 * requests ({@code berth.ml.protocol.json-reader} chooses one), and the per-model request
 * metrics.
 *
 * @see <a href=
 * "https://kserve.github.io/website/docs/concepts/architecture/data-plane/v2-protocol">Open
 * Inference Protocol</a>
 */
package dev.berth.ml.protocol;
