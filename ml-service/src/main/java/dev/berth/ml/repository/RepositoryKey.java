package dev.berth.ml.repository;

/**
 * What a change, a fingerprint or a refusal is about: a whole model ({@link ModelKey}:
 * its folder, config.yml and every version) or one version folder ({@link VersionKey}).
 */
public sealed interface RepositoryKey permits ModelKey, VersionKey {

	/** The model folder's name. */
	String model();

}
