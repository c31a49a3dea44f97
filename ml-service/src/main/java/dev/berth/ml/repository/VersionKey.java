package dev.berth.ml.repository;

/**
 * One version of a model, written {@code mnist/2} in logs and messages.
 *
 * @param model the model folder's name
 * @param version the version folder's name, a positive integer
 */
public record VersionKey(String model, String version) implements RepositoryKey {

	@Override
	public String toString() {
		return model + "/" + version;
	}

}
