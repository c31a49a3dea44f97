package dev.berth.ml.repository;

/**
 * One line of the repository index: a model version, or a model without any (not loaded,
 * or no version folder).
 *
 * @param name the model
 * @param version the version; null for a line about the whole model
 * @param state the version's state; null when the model is not loaded (unloaded through
 * the management API)
 * @param reason why it cannot serve, or what went wrong with newer files while it keeps
 * serving; null when there is nothing to say
 */
public record RepositoryIndexEntry(String name, String version, ModelState state, String reason) {
}
