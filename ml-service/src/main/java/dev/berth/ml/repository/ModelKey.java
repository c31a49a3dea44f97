package dev.berth.ml.repository;

/**
 * A whole model of the repository: its folder, its config.yml and every version.
 *
 * @param model the folder name, which clients use in URLs
 */
public record ModelKey(String model) implements RepositoryKey {

	@Override
	public String toString() {
		return model;
	}

}
