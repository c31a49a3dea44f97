package dev.berth.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.TestcontainersConfiguration;

/**
 * The Docker engine as the tests find it, probed once per JVM without starting anything
 * (Testcontainers' own client would start its Ryuk container first).
 */
final class DockerEnvironment {

	private static final String NO_REGISTRY_HINT = "Without a container registry, build local stand-ins and set"
			+ " the variables that base-images/build.sh prints (eval \"$(base-images/build.sh --quiet)\"),"
			+ " or run ./berth test, which does both.";

	/** The Ryuk image that this Testcontainers version starts. */
	private static final String RYUK_IMAGE = "testcontainers/ryuk:0.14.0";

	private static DockerEnvironment instance;

	private final DockerClient engine;

	private final String engineProblem;

	private DockerEnvironment(DockerClient engine, String engineProblem) {
		this.engine = engine;
		this.engineProblem = engineProblem;
	}

	static synchronized DockerEnvironment get() {
		if (instance == null) {
			instance = probe();
		}
		return instance;
	}

	private static DockerEnvironment probe() {
		List<DockerClientProviderStrategy> strategies = new ArrayList<>();
		ServiceLoader.load(DockerClientProviderStrategy.class).forEach(strategies::add);
		try {
			return new DockerEnvironment(
					DockerClientProviderStrategy.getFirstValidStrategy(strategies).getDockerClient(), null);
		}
		catch (RuntimeException ex) {
			return new DockerEnvironment(null, ex.getMessage());
		}
	}

	Optional<DockerClient> engine() {
		return Optional.ofNullable(engine);
	}

	String engineProblem() {
		return engineProblem;
	}

	/**
	 * The image Testcontainers itself starts before any test container: Ryuk, its
	 * resource reaper, unless disabled.
	 */
	void requireTestcontainersImages() {
		if (!Boolean.parseBoolean(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))) {
			requireImage(
					TestcontainersConfiguration.getInstance().getEnvVarOrProperty("ryuk.container.image", RYUK_IMAGE),
					"TESTCONTAINERS_RYUK_DISABLED=true");
		}
	}

	/**
	 * Fails at once, with what to do, when an image is neither on the engine nor pullable
	 * (Testcontainers would retry a failing pull for minutes).
	 */
	DockerImageName requireImage(String image, String setting) {
		DockerImageName name = DockerImageName.parse(image);
		DockerClient docker = engine().orElseThrow(() -> new IllegalStateException("no Docker engine answers"));
		try {
			docker.inspectImageCmd(image).exec();
			return name;
		}
		catch (NotFoundException ex) {
			// not on the engine: pull it
		}
		try {
			docker.pullImageCmd(name.getUnversionedPart())
				.withTag(name.getVersionPart())
				.start()
				.awaitCompletion(10, TimeUnit.MINUTES);
			return name;
		}
		catch (RuntimeException | InterruptedException ex) {
			throw new IllegalStateException(
					"The tests need the image " + image + ", which Docker neither has nor can pull (" + ex.getMessage()
							+ "). " + NO_REGISTRY_HINT + (setting == null ? "" : " Or set " + setting + "."),
					ex);
		}
	}

}
