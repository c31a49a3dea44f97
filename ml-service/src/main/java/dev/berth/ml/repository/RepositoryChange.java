package dev.berth.ml.repository;

/**
 * A difference between the model repository on disk and what the server has loaded, found
 * by {@link ReloadPlanner#pendingChanges()} and carried out by
 * {@link ModelLifecycle#apply}. Additions and changes carry the fingerprint of their
 * files as they are now ({@code files}): the same change seen again, equal, means the
 * files have stayed still in between.
 */
public sealed interface RepositoryChange {

	/** The model or version this change is about. */
	RepositoryKey key();

	/** A model folder that is not served yet. */
	record ModelAdded(ModelKey key, String files) implements RepositoryChange {
	}

	/**
	 * The model's config.yml changed: every version is loaded again with the new config.
	 */
	record ModelChanged(ModelKey key, String files) implements RepositoryChange {
	}

	/** The model folder is gone. */
	record ModelRemoved(ModelKey key) implements RepositoryChange {
	}

	/** A version folder that is not served yet. */
	record VersionAdded(VersionKey key, String files) implements RepositoryChange {
	}

	/** A file in the version folder was written, replaced, added or removed. */
	record VersionChanged(VersionKey key, String files) implements RepositoryChange {
	}

	/** The version folder is gone. */
	record VersionRemoved(VersionKey key) implements RepositoryChange {
	}

}
