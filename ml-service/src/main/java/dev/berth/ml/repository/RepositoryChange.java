package dev.berth.ml.repository;

/**
 * A difference between the model repository on disk and what the server has loaded, found
 * by {@link ModelRepository#pendingChanges()} and carried out by
 * {@link ModelRepository#apply}.
 *
 * @param kind what changed
 * @param model the model folder
 * @param version the version folder; null for changes to a whole model
 * @param fingerprint the files as they are now; the same change seen again with the same
 * fingerprint means the files have stayed still in between
 */
public record RepositoryChange(Kind kind, String model, String version, String fingerprint) {

	public enum Kind {

		/** A model folder that is not served yet. */
		MODEL_ADDED,
		/**
		 * The model's config.yml changed: every version is loaded again with the new
		 * config.
		 */
		MODEL_CHANGED,
		/** The model folder is gone. */
		MODEL_REMOVED,
		/** A version folder that is not served yet. */
		VERSION_ADDED,
		/** A file in the version folder was written, replaced, added or removed. */
		VERSION_CHANGED,
		/** The version folder is gone. */
		VERSION_REMOVED

	}

	/**
	 * Which model or version this change is about, e.g. {@code mnist} or {@code mnist/2}.
	 */
	public String key() {
		return version == null ? model : model + "/" + version;
	}
}
