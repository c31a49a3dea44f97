/**
 * The model repository: a folder laid out {@code <repository>/<model>/config.yml} and
 * {@code <repository>/<model>/<version>/model.pt} (versions are positive integers). At startup
 * {@link dev.berth.ml.repository.ModelRepository} loads every version it finds and tracks each one's
 * state; a broken model is reported and never stops the others.
 */
package dev.berth.ml.repository;
