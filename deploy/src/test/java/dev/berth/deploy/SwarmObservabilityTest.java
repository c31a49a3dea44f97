package dev.berth.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules {@code deploy/swarm/observability.yml} keeps: compose's profile
 * {@code observability} with the same images, limits, commands, settings and files, the
 * Grafana password a Swarm secret, and nothing published but Grafana (Prometheus and
 * Zipkin answer without a login).
 */
class SwarmObservabilityTest {

	private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

	private static final ComposeFile COMPOSE = ComposeFile.read(REPOSITORY.resolve("docker-compose.yml"));

	private static final Path OBSERVABILITY_FILE = REPOSITORY.resolve("deploy/swarm/observability.yml");

	private static final ComposeFile OBSERVABILITY = ComposeFile.read(OBSERVABILITY_FILE);

	private static final ComposeFile STACK = ComposeFile.read(REPOSITORY.resolve("deploy/swarm/stack.yml"));

	/**
	 * Compose's settings that are Swarm secrets here, and the setting that reads the
	 * file.
	 */
	private static final Map<String, String> SECRET_FILES = Map.of("GF_SECURITY_ADMIN_PASSWORD",
			"GF_SECURITY_ADMIN_PASSWORD__FILE");

	private static List<String> profileServices() {
		return COMPOSE.serviceNames()
			.stream()
			.filter(name -> COMPOSE.service(name).path("profiles").toString().contains("\"observability\""))
			.toList();
	}

	@Test
	void everyServiceOfComposesProfileRunsWithTheSameImageLimitsCommandAndNetworks() {
		assertThat(profileServices()).containsExactlyInAnyOrder("prometheus", "zipkin", "grafana");
		assertThat(OBSERVABILITY.serviceNames()).containsExactlyInAnyOrderElementsOf(profileServices());
		for (String service : profileServices()) {
			assertThat(OBSERVABILITY.image(service)).as("%s's image, variable and default as in compose", service)
				.isEqualTo(COMPOSE.image(service));
			assertThat(OBSERVABILITY.limits(service)).as("%s's limits (measured in compose)", service)
				.isEqualTo(COMPOSE.limits(service));
			assertThat(OBSERVABILITY.at(service, "command")).as("%s's command", service)
				.isEqualTo(COMPOSE.at(service, "command"));
			assertThat(OBSERVABILITY.networks(service)).as("%s's networks (who reaches whom)", service)
				.containsExactlyInAnyOrderElementsOf(COMPOSE.networks(service));
			if (COMPOSE.at(service, "read_only").asBoolean()) {
				assertThat(OBSERVABILITY.at(service, "read_only").asBoolean()).as("%s: read_only: true", service)
					.isTrue();
			}
			assertThat(OBSERVABILITY.at(service, "cap_drop").toString()).as("%s: cap_drop: [ALL]", service)
				.isEqualTo("[\"ALL\"]");
		}
	}

	@Test
	void everySettingIsComposesAndThePasswordIsASwarmSecret() {
		for (String service : profileServices()) {
			Map<String, String> expected = new HashMap<>(COMPOSE.environmentAsWritten(service));
			SECRET_FILES.forEach((setting, file) -> {
				if (expected.remove(setting) != null) {
					expected.put(file, "/run/secrets/" + secretMountedBy(service));
				}
			});
			assertThat(OBSERVABILITY.environmentAsWritten(service)).as("%s's settings", service).isEqualTo(expected);
		}
		OBSERVABILITY.section("secrets")
			.properties()
			.forEach(secret -> assertThat(secret.getValue().path("external").asBoolean())
				.as("secret %s: external, created with docker secret create", secret.getKey())
				.isTrue());
	}

	private static String secretMountedBy(String service) {
		JsonNode secrets = OBSERVABILITY.at(service, "secrets");
		assertThat(secrets.size()).as("%s mounts its password as a secret", service).isEqualTo(1);
		return secrets.get(0).isTextual() ? secrets.get(0).asText() : secrets.get(0).path("target").asText();
	}

	@Test
	void everyFileThatComposeMountsIsAConfigAtTheSamePath() {
		for (String service : profileServices()) {
			Map<String, String> expected = new HashMap<>();
			COMPOSE.at(service, "volumes").forEach(volume -> {
				String[] parts = volume.asText().split(":");
				if (parts[0].startsWith("./")) {
					Path source = REPOSITORY.resolve(parts[0]).normalize();
					filesUnder(source).forEach(file -> expected
						.put(Path.of(parts[1]).resolve(source.relativize(file)).toString(), file.toString()));
				}
			});
			Map<String, String> configs = new HashMap<>();
			OBSERVABILITY.at(service, "configs")
				.forEach(config -> configs.put(config.path("target").asText(), OBSERVABILITY_FILE.getParent()
					.resolve(
							OBSERVABILITY.section("configs").path(config.path("source").asText()).path("file").asText())
					.normalize()
					.toString()));
			assertThat(configs).as("%s's configs (target: file) against the files compose mounts", service)
				.isEqualTo(expected);
		}
	}

	private static List<Path> filesUnder(Path path) {
		if (!Files.isDirectory(path)) {
			return List.of(path);
		}
		try (Stream<Path> files = Files.walk(path)) {
			return files.filter(Files::isRegularFile).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void onlyGrafanaIsPublishedAndInHostMode() {
		assertThat(OBSERVABILITY.publishing())
			.as("the services that publish a port: Prometheus and Zipkin answer without a login (Grafana shows them)")
			.containsExactly("grafana");
		assertThat(OBSERVABILITY.portModes("grafana")).as("Grafana's ports: mode: host").containsOnly("host");
	}

	@Test
	void itJoinsTheStacksNetworksAsTheyAreAndUsesRoundRobinDns() {
		List<String> shared = new ArrayList<>();
		OBSERVABILITY.section("networks").properties().forEach(network -> {
			if (STACK.section("networks").has(network.getKey())) {
				shared.add(network.getKey());
				assertThat(network.getValue())
					.as("network %s: defined as in stack.yml (the two files are deployed as one stack)",
							network.getKey())
					.isEqualTo(STACK.section("networks").path(network.getKey()));
			}
			else {
				assertThat(network.getValue().path("driver").asText()).isEqualTo("overlay");
			}
		});
		assertThat(shared).contains("backend");
		for (String service : OBSERVABILITY.serviceNames()) {
			assertThat(OBSERVABILITY.at(service, "deploy", "endpoint_mode").asText())
				.as("%s: endpoint_mode: dnsrr (a virtual IP needs IPVS)", service)
				.isEqualTo("dnsrr");
		}
	}

}
