package dev.berth.ml.repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.berth.ml.inference.ModelSignature;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The model repository folder on disk, read only: {@code <root>/<model>/config.yml} and
 * {@code <root>/<model>/<version>/model.pt}, versions being positive integers. Lists the
 * model and version folders, reads a model's config, and takes the fingerprints that show
 * when files change.
 */
@Component
public class RepositoryFolder {

	static final String CONFIG_FILE = "config.yml";

	static final String MODEL_FILE = "model.pt";

	// Model names appear in URLs; versions are positive integers as in Triton and KServe.
	private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

	private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,17}");

	private static final Logger log = LoggerFactory.getLogger(RepositoryFolder.class);

	private final ModelRepositoryProperties properties;

	private final ModelConfigReader configReader = new ModelConfigReader();

	RepositoryFolder(ModelRepositoryProperties properties) {
		this.properties = properties;
	}

	/** The repository folder, absolute. */
	public Path root() {
		return properties.modelRepository().toAbsolutePath().normalize();
	}

	/**
	 * The folders whose entries make up the repository: the root, every model and every
	 * version folder.
	 */
	public List<Path> folders() {
		List<Path> folders = new ArrayList<>();
		Path root = root();
		if (Files.isDirectory(root)) {
			folders.add(root);
			for (String model : modelNames()) {
				folders.add(root.resolve(model));
				versionNames(model).forEach(version -> folders.add(root.resolve(model).resolve(version)));
			}
		}
		return folders;
	}

	/** Reads every model folder, as {@link #read} does, logging what it skips and why. */
	List<ServedModel> readAll() {
		Path root = root();
		if (!Files.isDirectory(root)) {
			log.error("Model repository {} is not a folder: no model will be served", root);
			return List.of();
		}
		List<ServedModel> found = new ArrayList<>();
		for (Path dir : subfolders(root)) {
			String name = dir.getFileName().toString();
			if (name.startsWith(".")) {
				continue;
			}
			if (!MODEL_NAME.matcher(name).matches()) {
				log.warn("Skipping {}: a model name has letters, digits, '_', '.', '-' only", dir);
				continue;
			}
			found.add(read(name));
		}
		return found;
	}

	/**
	 * Reads a model folder's config and lists its versions, all still to be loaded, or
	 * failed when the config is broken.
	 */
	ServedModel read(String name) {
		Path dir = root().resolve(name);
		ModelConfig config = null;
		ModelSignature signature = null;
		String configError = null;
		try {
			Path configFile = dir.resolve(CONFIG_FILE);
			if (!Files.isRegularFile(configFile)) {
				throw new IllegalArgumentException(CONFIG_FILE + " not found");
			}
			config = configReader.read(configFile);
			signature = config.toSignature();
		}
		catch (IllegalArgumentException e) {
			configError = e.getMessage().startsWith(CONFIG_FILE) ? e.getMessage() : CONFIG_FILE + ": " + e.getMessage();
			log.warn("Model '{}' cannot be served: {}", name, configError);
		}
		List<ModelVersion> versions = new ArrayList<>();
		for (String version : versionNames(name)) {
			versions
				.add(configError == null ? ModelVersion.loading(version) : ModelVersion.failed(version, configError));
		}
		if (versions.isEmpty()) {
			log.warn("Model '{}' has no version folder (e.g. {}/1/{})", name, dir, MODEL_FILE);
		}
		return new ServedModel(name, config, signature, configError, versions);
	}

	/**
	 * The model folders' names; other folders are skipped quietly ({@link #readAll} logs
	 * them at startup).
	 */
	SortedSet<String> modelNames() {
		Path root = root();
		return Files.isDirectory(root) ? names(root, MODEL_NAME) : new TreeSet<>();
	}

	/**
	 * A model's version folders' names; other folders (e.g. a copy in progress named
	 * 2.tmp) are ignored.
	 */
	SortedSet<String> versionNames(String model) {
		return names(root().resolve(model), VERSION);
	}

	Path versionFolder(VersionKey version) {
		return root().resolve(version.model()).resolve(version.version());
	}

	/** The fingerprint of a model's config.yml. */
	String configFingerprint(String model) {
		return Fingerprints.ofFile(root().resolve(model).resolve(CONFIG_FILE));
	}

	/** The fingerprint of every file in a version folder. */
	String fingerprint(VersionKey version) {
		return Fingerprints.ofFolder(versionFolder(version));
	}

	/**
	 * config.yml and every version folder: what must be still before a whole model is
	 * (re)loaded.
	 */
	String modelFingerprint(String model) {
		StringBuilder files = new StringBuilder(CONFIG_FILE).append('=').append(configFingerprint(model));
		for (String version : versionNames(model)) {
			files.append('|').append(version).append('=').append(fingerprint(new VersionKey(model, version)));
		}
		return files.toString();
	}

	private static SortedSet<String> names(Path dir, Pattern valid) {
		SortedSet<String> names = new TreeSet<>();
		for (Path sub : subfolders(dir)) {
			String name = sub.getFileName().toString();
			if (valid.matcher(name).matches()) {
				names.add(name);
			}
		}
		return names;
	}

	private static List<Path> subfolders(Path dir) {
		try (Stream<Path> entries = Files.list(dir)) {
			return entries.filter(Files::isDirectory).sorted().toList();
		}
		catch (IOException e) {
			log.warn("Cannot list {}: {}", dir, e.getMessage());
			return List.of();
		}
	}

}
