package dev.berth.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules {@code deploy/swarm/stack.yml} keeps: the same images, limits and settings as
 * the compose file (each difference listed here with its reason), no secret in the file,
 * locked-down containers, rolling updates without downtime, round-robin DNS on the
 * internal networks, the gateway alone published, and grace periods that outlast the
 * drain. Nothing is deployed here: the files are read and compared.
 * {@code -Dberth.swarm.stack=...} checks another stack file.
 */
class SwarmStackTest {

	private static final ComposeFile COMPOSE = ComposeFile.read(Path.of("../docker-compose.yml"));

	private static final ComposeFile STACK = ComposeFile
		.read(Path.of(System.getProperty("berth.swarm.stack", "swarm/stack.yml")));

	/** Settings compose makes that the stack does not, and why. */
	private static final Map<String, String> COMPOSE_ONLY = Map.of(
			// Secrets: compose's are variables with development defaults; the stack's
			// are Swarm secrets, files under /run/secrets.
			"MARIADB_PASSWORD", "replaced by the secret file MARIADB_PASSWORD_FILE", //
			"MARIADB_ROOT_PASSWORD", "replaced by the secret file MARIADB_ROOT_PASSWORD_FILE", //
			"SPRING_DATASOURCE_PASSWORD",
			"replaced by the secret file spring.datasource.password, read through Spring's config tree "
					+ "(SPRING_CONFIG_IMPORT)", //
			"BERTH_GATEWAY_API_KEYS", "replaced by the secret file BERTH_GATEWAY_API_KEYS_FILE", //
			"BERTH_ML_MANAGEMENT_TOKEN", "the management API is off in the stack, so it has no token");

	/**
	 * Settings that the stack fixes at compose's default rather than take its variable.
	 */
	private static final Map<String, String> FIXED_IN_STACK = Map.of("BERTH_ML_MANAGEMENT_ENABLED",
			"off: the stack passes no management token, and ml refuses to start with management on and no token");

	/** Settings only the stack makes, and why compose does without them. */
	private static final Map<String, String> STACK_ONLY = Map.of(
			// The secret files that replace compose's variables (above).
			"MARIADB_PASSWORD_FILE", "a Swarm secret", //
			"MARIADB_ROOT_PASSWORD_FILE", "a Swarm secret", //
			"SPRING_CONFIG_IMPORT", "reads the secret spring.datasource.password from /run/secrets", //
			"BERTH_GATEWAY_API_KEYS_FILE", "a Swarm secret", //
			"BERTH_SHUTDOWN_DRAIN",
			"compose runs one replica of each: no other replica for callers to move to, so no drain", //
			"SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE",
			"ml's graceful shutdown gets 15 s after the drain; compose keeps ml's own 8 s, "
					+ "below Docker's default 10 s stop timeout");

	/** A setting whose name says it holds a secret. */
	private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|TOKEN|SECRET|API_KEY).*");

	/** The services that drain before they stop: those that run several replicas. */
	private static final List<String> DRAINING = List.of("web", "ml");

	/** The services of compose that always run (no profile): the stack runs each. */
	private static List<String> composeServices() {
		return COMPOSE.serviceNames()
			.stream()
			.filter(name -> COMPOSE.service(name).path("profiles").isMissingNode())
			.toList();
	}

	/** The services whose images are built here (compose has a build: for them). */
	private static List<String> builtHere() {
		return composeServices().stream().filter(name -> COMPOSE.service(name).has("build")).toList();
	}

	@Test
	void everyComposeServiceRunsInTheStackWithTheSameImage() {
		assertThat(composeServices()).as("compose's services without a profile")
			.containsExactlyInAnyOrder("db", "db-migrate", "web", "ml", "gateway");
		for (String service : composeServices()) {
			assertThat(STACK.serviceNames()).as("docker-compose.yml runs %s, so %s must run it too", service, STACK)
				.contains(service);
			assertThat(STACK.image(service))
				.as("%s's image in %s: the same as in docker-compose.yml, repository and tag variable "
						+ "(BERTH_TAG, MARIADB_IMAGE) alike", service, STACK)
				.isEqualTo(COMPOSE.image(service));
		}
	}

	@Test
	void everyServiceHasComposesResourceLimits() {
		for (String service : composeServices()) {
			assertThat(COMPOSE.limits(service)).as("docker-compose.yml limits %s", service)
				.containsKeys("cpus", "memory", "pids");
			assertThat(STACK.limits(service))
				.as("%s's deploy.resources.limits in %s: the measured ones of docker-compose.yml", service, STACK)
				.isEqualTo(COMPOSE.limits(service));
		}
	}

	@Test
	void everySettingOfComposeIsInTheStackWithTheSameValue() {
		List<String> problems = new ArrayList<>();
		for (String service : composeServices()) {
			Map<String, String> compose = COMPOSE.environmentAsWritten(service);
			Map<String, String> stack = STACK.environmentAsWritten(service);
			compose.forEach((name, value) -> {
				if (COMPOSE_ONLY.containsKey(name)) {
					if (stack.containsKey(name)) {
						problems.add(service + ": the stack sets " + name
								+ ", listed in COMPOSE_ONLY as not set there: " + COMPOSE_ONLY.get(name));
					}
				}
				else if (!stack.containsKey(name)) {
					problems.add(service + ": docker-compose.yml sets " + name + ", the stack does not (or list it "
							+ "in COMPOSE_ONLY with the reason)");
				}
				else if (FIXED_IN_STACK.containsKey(name)) {
					if (!ComposeFile.defaults(stack.get(name)).equals(ComposeFile.defaults(value))) {
						problems.add(service + ": " + name + " is " + stack.get(name) + " in the stack, "
								+ ComposeFile.defaults(value) + " by default in docker-compose.yml");
					}
				}
				else if (!stack.get(name).equals(value)) {
					problems.add(service + ": " + name + " is " + stack.get(name) + " in the stack, " + value
							+ " in docker-compose.yml (the same variable and default, so that the same "
							+ "environment sets both)");
				}
			});
			stack.keySet()
				.stream()
				.filter(name -> !compose.containsKey(name) && !STACK_ONLY.containsKey(name))
				.forEach(name -> problems.add(service + ": the stack sets " + name
						+ ", docker-compose.yml does not (or list it in STACK_ONLY with the reason)"));
		}
		assertThat(problems).as("settings of %s against docker-compose.yml", STACK).isEmpty();

		// Every listed difference is one that exists, so that the lists stay short.
		Set<String> composeNames = new HashSet<>();
		Set<String> stackNames = new HashSet<>();
		for (String service : composeServices()) {
			composeNames.addAll(COMPOSE.environmentAsWritten(service).keySet());
			stackNames.addAll(STACK.environmentAsWritten(service).keySet());
		}
		assertThat(COMPOSE_ONLY.keySet()).as("COMPOSE_ONLY lists settings that docker-compose.yml makes")
			.allSatisfy(name -> assertThat(composeNames).contains(name));
		assertThat(FIXED_IN_STACK.keySet()).as("FIXED_IN_STACK lists settings that both make")
			.allSatisfy(name -> assertThat(composeNames).contains(name))
			.allSatisfy(name -> assertThat(stackNames).contains(name));
		assertThat(STACK_ONLY.keySet()).as("STACK_ONLY lists settings that the stack makes")
			.allSatisfy(name -> assertThat(stackNames).contains(name));
	}

	@Test
	void noSecretIsWrittenInTheStackAndEverySecretIsCreatedBeforehand() {
		for (String service : STACK.serviceNames()) {
			Map<String, String> environment = STACK.environmentAsWritten(service);
			environment.forEach((name, value) -> {
				if (SECRET_NAME.matcher(name).matches()) {
					assertThat(name)
						.as("%s: %s holds a secret; in the stack only as a file (NAME_FILE, a Swarm secret)", service,
								name)
						.endsWith("_FILE");
					assertThat(value).as("%s: %s is a secret's file", service, name).startsWith("/run/secrets/");
				}
				assertThat(value).as("%s: %s has a development-only value of compose", service, name)
					.doesNotContain("dev-only");
			});
			// Every secret file named in a setting is mounted, at that path.
			List<String> mounted = mountedSecrets(service);
			environment.values()
				.stream()
				.filter(value -> value.startsWith("/run/secrets/") && !value.endsWith("/"))
				.forEach(path -> assertThat(mounted).as("%s mounts the secret %s", service, path)
					.contains(path.substring("/run/secrets/".length())));
			// The password that compose passes as SPRING_DATASOURCE_PASSWORD is the
			// config tree's file spring.datasource.password.
			if (COMPOSE.environmentAsWritten(service).containsKey("SPRING_DATASOURCE_PASSWORD")) {
				assertThat(environment.get("SPRING_CONFIG_IMPORT"))
					.as("%s reads its password from /run/secrets through Spring's config tree", service)
					.isEqualTo("configtree:/run/secrets/");
				assertThat(mounted).as("%s mounts the database password where the config tree finds it", service)
					.contains("spring.datasource.password");
			}
		}
		JsonNode secrets = STACK.section("secrets");
		assertThat(secrets.size()).as("the stack's secrets").isPositive();
		secrets.properties()
			.forEach(secret -> assertThat(secret.getValue().path("external").asBoolean())
				.as("secret %s: external: true, created with docker secret create, never a file here", secret.getKey())
				.isTrue());
	}

	/** Where a service's secrets are, under /run/secrets (target, or else the name). */
	private static List<String> mountedSecrets(String service) {
		List<String> mounted = new ArrayList<>();
		STACK.at(service, "secrets")
			.forEach(secret -> mounted.add(secret.isTextual() ? secret.asText()
					: secret.path("target").asText(secret.path("source").asText())));
		return mounted;
	}

	@Test
	void theServicesBuiltHereRunLockedDown() {
		assertThat(builtHere()).containsExactlyInAnyOrder("db-migrate", "web", "ml", "gateway");
		for (String service : builtHere()) {
			assertThat(STACK.at(service, "read_only").asBoolean()).as("%s: read_only: true", service).isTrue();
			List<String> dropped = new ArrayList<>();
			STACK.at(service, "cap_drop").forEach(capability -> dropped.add(capability.asText()));
			assertThat(dropped).as("%s: cap_drop: [ALL]", service).containsExactly("ALL");
			// tmpfs: [/tmp], or a volume of type tmpfs.
			List<String> tmpfs = new ArrayList<>();
			JsonNode paths = STACK.at(service, "tmpfs");
			if (paths.isTextual()) {
				tmpfs.add(paths.asText());
			}
			paths.forEach(path -> tmpfs.add(path.asText()));
			STACK.at(service, "volumes").forEach(volume -> {
				if (volume.path("type").asText().equals("tmpfs")) {
					tmpfs.add(volume.path("target").asText());
				}
			});
			assertThat(tmpfs).as("%s: a tmpfs at /tmp (the root filesystem is read-only)", service).contains("/tmp");
		}
	}

	@Test
	void webAndMlRunTwoReplicasAndUpdateWithoutDowntime() {
		for (String service : DRAINING) {
			String replicas = ComposeFile.defaults(STACK.at(service, "deploy", "replicas").asText());
			assertThat(replicas).as("%s: deploy.replicas", service).matches("\\d+");
			assertThat(Integer.parseInt(replicas))
				.as("%s: at least two replicas by default, so that one answers while another stops", service)
				.isGreaterThanOrEqualTo(2);
			JsonNode update = STACK.at(service, "deploy", "update_config");
			assertThat(update.path("order").asText())
				.as("%s: update_config.order: start-first (the new replica is healthy before an old one stops)",
						service)
				.isEqualTo("start-first");
			assertThat(update.path("failure_action").asText()).as("%s: update_config.failure_action: rollback", service)
				.isEqualTo("rollback");
			assertThat(STACK.at(service, "deploy", "rollback_config", "order").asText())
				.as("%s: rollback_config.order: start-first (a rollback, too, without downtime)", service)
				.isEqualTo("start-first");
		}
	}

	@Test
	void servicesOnTheInternalNetworksUseRoundRobinDns() {
		for (String service : STACK.serviceNames()) {
			List<String> networks = STACK.networks(service);
			if (networks.contains("backend") || networks.contains("data")) {
				assertThat(STACK.at(service, "deploy", "endpoint_mode").asText())
					.as("%s is on %s: endpoint_mode: dnsrr (a virtual IP needs IPVS, and callers spread over "
							+ "the replicas' addresses themselves; deploy/swarm/README.md)", service, networks)
					.isEqualTo("dnsrr");
			}
		}
	}

	@Test
	void onlyTheGatewayIsPublishedAndInHostMode() {
		assertThat(STACK.publishing())
			.as("the services that publish a port: outside traffic enters through the " + "gateway only")
			.containsExactly("gateway");
		assertThat(STACK.portModes("gateway"))
			.as("the gateway's ports: mode: host (long syntax; the routing mesh needs IPVS)")
			.containsOnly("host");
	}

	@Test
	void theNetworksAreComposesAsOverlaysAndEveryServiceJoinsTheSameOnes() {
		JsonNode networks = STACK.section("networks");
		COMPOSE.section("networks").properties().forEach(network -> {
			String name = network.getKey();
			if (composeServices().stream().noneMatch(service -> COMPOSE.networks(service).contains(name))) {
				return; // only the profiles' services use it
			}
			assertThat(networks.has(name)).as("compose's network %s is in the stack", name).isTrue();
			assertThat(networks.path(name).path("driver").asText()).as("network %s: driver: overlay", name)
				.isEqualTo("overlay");
			assertThat(networks.path(name).path("internal").asBoolean())
				.as("network %s: internal as in docker-compose.yml", name)
				.isEqualTo(network.getValue().path("internal").asBoolean());
		});
		assertThat(networks.path("backend").path("internal").asBoolean()).as("backend: internal: true").isTrue();
		assertThat(networks.path("data").path("internal").asBoolean()).as("data: internal: true").isTrue();
		for (String service : composeServices()) {
			assertThat(STACK.networks(service))
				.as("%s joins the networks it joins in docker-compose.yml (who reaches whom)", service)
				.containsExactlyInAnyOrderElementsOf(COMPOSE.networks(service));
		}
	}

	@Test
	void aStoppingReplicaDrainsAndShutsDownWithinItsGracePeriod() {
		for (String service : DRAINING) {
			Map<String, String> environment = STACK.environment(service);
			assertThat(environment).as("%s drains before it stops (BERTH_SHUTDOWN_DRAIN)", service)
				.containsKey("BERTH_SHUTDOWN_DRAIN");
			GracefulShutdown shutdown = GracefulShutdown.of(service, environment);
			assertThat(shutdown.drain()).as("%s: BERTH_SHUTDOWN_DRAIN", service).isPositive();
			String period = STACK.at(service, "stop_grace_period").asText();
			assertThat(period)
				.as("%s: stop_grace_period (Docker's default, 10 s, leaves no time after the drain)", service)
				.isNotEmpty();
			Duration gracePeriod = GracefulShutdown.parse(ComposeFile.defaults(period));
			assertThat(gracePeriod)
				.as("%s: stop_grace_period %s must exceed the drain (%s) and the graceful shutdown after it (%s), "
						+ "or Swarm kills a replica that still answers", service, period,
						GracefulShutdown.format(shutdown.drain()), GracefulShutdown.format(shutdown.phaseTimeout()))
				.isGreaterThan(shutdown.total());
		}
	}

}
