/**
 * The management API, Triton's model repository extension:
 * {@code GET|POST /v2/repository/index}, {@code POST /v2/repository/models/{model}/load}
 * and {@code .../unload}. Off by default ({@code berth.ml.management.enabled}); then the
 * endpoints do not exist at all (404). When on, every call needs
 * {@code Authorization: Bearer <berth.ml.management.token>}, and the server refuses to
 * start without a token.
 *
 * @see <a href=
 * "https://github.com/triton-inference-server/server/blob/main/docs/protocol/extension_model_repository.md">Triton
 * model repository extension</a>
 */
package dev.berth.ml.management;
