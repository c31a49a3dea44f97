/**
 * The model repository: a folder laid out {@code <repository>/<model>/config.yml} and
 * {@code <repository>/<model>/<version>/model.pt} (versions are positive integers). At
 * startup {@link dev.berth.ml.repository.ModelRepository} loads every version it finds
 * and tracks each one's state; a broken model is reported and never stops the others.
 * Later it applies changes one version at a time (found by {@code dev.berth.ml.reload},
 * or asked for by the management API): new files load and warm up beside the served ones
 * and are swapped in, and a replaced or removed version is closed once the requests
 * holding it ({@link dev.berth.ml.repository.ModelLease}) are done.
 */
package dev.berth.ml.repository;
