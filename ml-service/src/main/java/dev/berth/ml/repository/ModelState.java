package dev.berth.ml.repository;

/** Where a model version stands. */
public enum ModelState {

	/** Found in the repository; loading or waiting to be loaded. */
	LOADING,
	/** Loaded and warmed up: serves requests. */
	READY,
	/** Could not be loaded; the version's {@code reason} says why. */
	FAILED

}
