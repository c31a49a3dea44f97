/**
 * The model repository: a folder laid out {@code <repository>/<model>/config.yml} and
 * {@code <repository>/<model>/<version>/model.pt} (versions are positive integers), and
 * the models the server loads from it. One class a job:
 * <ul>
 * <li>{@link dev.berth.ml.repository.ModelRegistry}: what is served now, looked up by
 * requests without a lock; {@link dev.berth.ml.repository.ModelLease} holds a version for
 * one request.
 * <li>{@link dev.berth.ml.repository.RepositoryFolder}: reads the folder (model and
 * version folders, config.yml, fingerprints of the files).
 * <li>{@link dev.berth.ml.repository.VersionLoader}: loads one version folder, READY or
 * FAILED with the reason; a broken model never stops the others.
 * <li>{@link dev.berth.ml.repository.ReloadPlanner}: diffs the folder against what is
 * loaded into {@link dev.berth.ml.repository.RepositoryChange}s, keyed by
 * {@link dev.berth.ml.repository.ModelKey} or {@link dev.berth.ml.repository.VersionKey}.
 * <li>{@link dev.berth.ml.repository.ModelLifecycle}: loads everything at startup, then
 * applies changes one at a time (found by {@code dev.berth.ml.reload}, or asked for by
 * the management API): new files load and warm up beside the served ones and are swapped
 * in, and a replaced or removed version is closed once the requests holding it are done.
 * <li>{@link dev.berth.ml.repository.RepositoryIndex} and the "models" health
 * contributor: what operators see.
 * </ul>
 */
package dev.berth.ml.repository;
