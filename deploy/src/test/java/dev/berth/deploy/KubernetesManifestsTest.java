package dev.berth.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.berth.deploy.RenderedOverlay.Workload;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules every rendering of {@code deploy/kubernetes} keeps: the same images, ports
 * and settings as the compose file, probes, limits, locked-down pods, network policies
 * that leave the database to web alone, an autoscaler for ml and disruption budgets. No
 * cluster runs here: the manifests are rendered and checked, not applied.
 */
class KubernetesManifestsTest {

	private static final ComposeFile COMPOSE = ComposeFile.read(Path.of("../docker-compose.yml"));

	/** Each container, and the compose service that runs the same image. */
	private static final Map<String, String> COMPOSE_SERVICE = Map.of("gateway", "gateway", "web", "web", "db-migrate",
			"db-migrate", "ml", "ml", "default-model", "ml");

	/** Settings only the manifests make, and why compose does without them. */
	private static final Set<String> KUBERNETES_ONLY = Set.of(
			// The keys come from a Secret file (compose/gateway-secrets.yml does the
			// same).
			"BERTH_GATEWAY_API_KEYS_FILE",
			// Clients' addresses come through the Ingress controller.
			"BERTH_GATEWAY_TRUSTED_PROXIES",
			// web and ml drain before they stop, so that callers move to the other
			// replicas (a rolling update starts the new pod first). Compose runs one
			// replica of each: no other replica to move to, so no drain.
			"BERTH_SHUTDOWN_DRAIN",
			// ml's graceful shutdown after the drain: 15 s, as in the Swarm stack.
			// Compose keeps ml's own 8 s, below Docker's default 10 s stop timeout.
			"SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE");

	/** Settings only compose makes, and why the manifests do without them. */
	private static final Set<String> COMPOSE_ONLY = Set.of(
			// Replaced by the Secret file above.
			"BERTH_GATEWAY_API_KEYS",
			// Compose passes the gateway's own defaults through, so that .env can change
			// them.
			"BERTH_GATEWAY_RATE_LIMIT_KEY_REQUESTS_PER_SECOND", "BERTH_GATEWAY_RATE_LIMIT_KEY_BURST",
			"BERTH_GATEWAY_CORS_ALLOWED_ORIGINS",
			// The management API is off, so it has no token.
			"BERTH_ML_MANAGEMENT_TOKEN",
			// Tracing keeps the applications' defaults: sampled, not exported (no Zipkin
			// here).
			"MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENABLED",
			// Text log lines unless asked otherwise (compose: BERTH_LOG_FORMAT).
			"LOGGING_STRUCTURED_FORMAT_CONSOLE");

	static Stream<RenderedOverlay> overlays() {
		return Stream.of("dev", "prod").map(RenderedOverlay::render);
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void everyObjectIsInTheOverlaysNamespaceAndItMustMeetTheRestrictedPodSecurityStandard(RenderedOverlay overlay) {
		List<Namespace> namespaces = overlay.all(Namespace.class);
		assertThat(namespaces).hasSize(1);
		Namespace namespace = namespaces.get(0);
		assertThat(namespace.getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce",
				"restricted");
		assertThat(overlay.objects()).filteredOn(object -> !(object instanceof Namespace))
			.allSatisfy(object -> assertThat(object.getMetadata().getNamespace()).as(describe(object))
				.isEqualTo(namespace.getMetadata().getName()));
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void imagesAreTheComposeFilesImages(RenderedOverlay overlay) {
		for (Workload workload : overlay.workloads()) {
			for (Container container : workload.allContainers()) {
				String service = COMPOSE_SERVICE.get(container.getName());
				if (service == null) {
					continue;
				}
				String image = container.getImage();
				String repository = image.substring(0, image.lastIndexOf(':'));
				String tag = image.substring(image.lastIndexOf(':') + 1);
				if (overlay.name().equals("dev")) {
					assertThat(image).as(container.getName()).isEqualTo(COMPOSE.imageRepository(service) + ":latest");
				}
				else {
					assertThat(repository).as(container.getName()).endsWith("/" + COMPOSE.imageRepository(service));
					assertThat(tag).as(container.getName() + ": a released version").isNotEqualTo("latest");
				}
			}
		}
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void settingsAreTheComposeFilesSettings(RenderedOverlay overlay) {
		for (Workload workload : overlay.workloads()) {
			for (Container container : workload.allContainers()) {
				String service = COMPOSE_SERVICE.get(container.getName());
				if (service == null || container.getName().equals("default-model")) {
					continue;
				}
				Map<String, String> compose = COMPOSE.environment(service);
				Map<String, String> kubernetes = environment(overlay, container);
				for (var setting : kubernetes.entrySet()) {
					String name = setting.getKey();
					if (KUBERNETES_ONLY.contains(name)) {
						continue;
					}
					assertThat(compose).as(container.getName() + ": compose sets " + name + " too").containsKey(name);
					// In dev the values are compose's defaults; prod has its own
					// database.
					if (setting.getValue() != null && overlay.name().equals("dev")) {
						assertThat(setting.getValue()).as(container.getName() + " " + name)
							.isEqualTo(compose.get(name));
					}
				}
				assertThat(compose.keySet()).as(container.getName() + ": what compose sets")
					.allSatisfy(name -> assertThat(kubernetes.containsKey(name) || COMPOSE_ONLY.contains(name)).as(name)
						.isTrue());
			}
		}
	}

	/** A container's settings: literal values, or null for those from a Secret. */
	private static Map<String, String> environment(RenderedOverlay overlay, Container container) {
		Map<String, String> environment = new HashMap<>();
		for (EnvFromSource source : container.getEnvFrom()) {
			ConfigMap configMap = overlay.get(ConfigMap.class, source.getConfigMapRef().getName());
			environment.putAll(configMap.getData());
		}
		for (EnvVar variable : container.getEnv()) {
			if (variable.getValueFrom() != null) {
				assertThat(variable.getValueFrom().getSecretKeyRef()).as(variable.getName() + " comes from a Secret")
					.isNotNull();
			}
			environment.put(variable.getName(), variable.getValue());
		}
		return environment;
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void everyContainerHasRequestsAndLimitsAndTheJvmsMemoryIsGuaranteed(RenderedOverlay overlay) {
		for (Workload workload : overlay.workloads()) {
			for (Container container : workload.allContainers()) {
				var resources = container.getResources();
				assertThat(resources.getLimits()).as(container.getName()).containsKeys("cpu", "memory");
				assertThat(resources.getRequests()).as(container.getName()).containsKeys("cpu", "memory");
				// Heaps are sized from the limit: a request below it would let the node
				// overcommit.
				assertThat(resources.getRequests().get("memory")).as(container.getName())
					.isEqualTo(resources.getLimits().get("memory"));
			}
		}
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void everyPodRunsLockedDown(RenderedOverlay overlay) {
		for (Workload workload : overlay.workloads()) {
			var pod = workload.pod().getSecurityContext();
			assertThat(pod.getRunAsNonRoot()).as(workload.name()).isTrue();
			assertThat(pod.getRunAsUser()).as(workload.name()).isPositive();
			assertThat(pod.getSeccompProfile().getType()).as(workload.name()).isEqualTo("RuntimeDefault");
			assertThat(workload.pod().getAutomountServiceAccountToken()).as(workload.name()).isFalse();
			for (Container container : workload.allContainers()) {
				var context = container.getSecurityContext();
				assertThat(context.getAllowPrivilegeEscalation()).as(container.getName()).isFalse();
				assertThat(context.getReadOnlyRootFilesystem()).as(container.getName()).isTrue();
				assertThat(context.getCapabilities().getDrop()).as(container.getName()).containsExactly("ALL");
				assertThat(context.getPrivileged()).as(container.getName()).isNotEqualTo(Boolean.TRUE);
			}
		}
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void webAndMlDrainAndShutDownWithinTheirGracePeriod(RenderedOverlay overlay) {
		for (String name : List.of("web", "ml")) {
			var pod = overlay.get(Deployment.class, name).getSpec().getTemplate().getSpec();
			Container container = pod.getContainers()
				.stream()
				.filter(candidate -> candidate.getName().equals(name))
				.findFirst()
				.orElseThrow(() -> new AssertionError(name + " has no container " + name));
			Map<String, String> environment = environment(overlay, container);
			GracefulShutdown shutdown = GracefulShutdown.of(name, environment);
			assertThat(shutdown.drain())
				.as("%s: BERTH_SHUTDOWN_DRAIN (the pod leaves the Service's endpoints as it is signalled, "
						+ "not before)", name)
				.isPositive();
			// Kubernetes' default when the field is left out.
			long gracePeriod = (pod.getTerminationGracePeriodSeconds() != null) ? pod.getTerminationGracePeriodSeconds()
					: 30;
			assertThat(Duration.ofSeconds(gracePeriod))
				.as("%s: terminationGracePeriodSeconds %d must exceed the drain (%s) and the graceful shutdown "
						+ "after it (%s), or the kubelet kills a pod that still answers", name, gracePeriod,
						GracefulShutdown.format(shutdown.drain()), GracefulShutdown.format(shutdown.phaseTimeout()))
				.isGreaterThan(shutdown.total());
		}
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void everyServiceContainerHasStartupLivenessAndReadinessProbesOnItsOwnPorts(RenderedOverlay overlay) {
		for (Workload workload : overlay.workloads()) {
			for (Container container : workload.pod().getContainers()) {
				for (Probe probe : List.of(container.getStartupProbe(), container.getLivenessProbe(),
						container.getReadinessProbe())) {
					assertThat(probe).as(container.getName()).isNotNull();
					if (probe.getHttpGet() != null) {
						String port = probe.getHttpGet().getPort().getStrVal();
						assertThat(container.getPorts()).as(container.getName() + " declares the probe's port " + port)
							.anySatisfy(declared -> assertThat(declared.getName()).isEqualTo(port));
					}
					else {
						assertThat(probe.getExec()).as(container.getName()).isNotNull();
					}
				}
			}
		}
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void servicesSelectAWorkloadAndTheIngressReachesOnlyTheGateway(RenderedOverlay overlay) {
		for (Service service : overlay.all(Service.class)) {
			Workload target = overlay.workloads()
				.stream()
				.filter(workload -> workload.name().equals(service.getMetadata().getName()))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no workload for Service " + service.getMetadata().getName()));
			Map<String, String> labels = labels(overlay, target.name());
			assertThat(labels).containsAllEntriesOf(service.getSpec().getSelector());
			service.getSpec()
				.getPorts()
				.forEach(port -> assertThat(target.pod().getContainers())
					.anySatisfy(container -> assertThat(container.getPorts()).anySatisfy(
							declared -> assertThat(declared.getName()).isEqualTo(port.getTargetPort().getStrVal()))));
		}
		List<Ingress> ingresses = overlay.all(Ingress.class);
		assertThat(ingresses).hasSize(1);
		for (IngressRule rule : ingresses.get(0).getSpec().getRules()) {
			assertThat(rule.getHttp().getPaths())
				.allSatisfy(path -> assertThat(path.getBackend().getService().getName()).isEqualTo("gateway"));
		}
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void onlyTheGatewayReceivesOutsideTrafficAndOnlyWebReachesTheDatabase(RenderedOverlay overlay) {
		List<NetworkPolicy> policies = overlay.all(NetworkPolicy.class);
		assertThat(policies).anySatisfy(policy -> {
			assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
			assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
			assertThat(policy.getSpec().getIngress()).isNullOrEmpty();
			assertThat(policy.getSpec().getEgress()).isNullOrEmpty();
		});
		Network network = new Network(policies);

		assertThat(network.reachableFromOutside("gateway", 8080)).isTrue();
		for (String inside : List.of("web", "ml", "db")) {
			assertThat(network.reachableFromOutside(inside, 8080)).as(inside).isFalse();
			assertThat(network.reachableFromOutside(inside, 3306)).as(inside).isFalse();
		}
		assertThat(network.allows("gateway", "web", 8080)).isTrue();
		assertThat(network.allows("gateway", "ml", 8080)).isTrue();
		assertThat(network.allows("web", "ml", 8080)).isTrue();
		assertThat(network.allows("web", "db", 3306)).isTrue();
		for (String other : List.of("gateway", "ml")) {
			assertThat(network.allows(other, "db", 3306)).as(other + " to the database").isFalse();
			assertThat(network.mayLeaveTheCluster(other, 3306)).as(other + " to an outside database").isFalse();
		}
		assertThat(network.allows("ml", "web", 8080)).isFalse();
		assertThat(network.allows("db", "web", 8080)).isFalse();
		assertThat(network.mayLeaveTheCluster("web", 3306)).isEqualTo(overlay.name().equals("prod"));
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void theClustersPrometheusScrapesEveryServiceWhereComposesPrometheusDoes(RenderedOverlay overlay) {
		// Compose's Prometheus: a job per service, named after it.
		Map<String, JsonNode> jobs = new HashMap<>();
		new ObjectMapper().<JsonNode>valueToTree(ComposeFile.yaml(Path.of("../observability/prometheus.yml")))
			.path("scrape_configs")
			.forEach(job -> jobs.put(job.path("job_name").asText(), job));
		Network network = new Network(overlay.all(NetworkPolicy.class));
		for (String service : List.of("gateway", "web", "ml")) {
			Workload workload = overlay.workloads()
				.stream()
				.filter(candidate -> candidate.name().equals(service))
				.findFirst()
				.orElseThrow();
			Map<String, String> annotations = workload.podAnnotations();
			JsonNode job = jobs.get(service);
			String port = job.path("dns_sd_configs").path(0).path("port").asText();
			assertThat(annotations)
				.as("%s's pod: the prometheus.io annotations, with the port and path that "
						+ "observability/prometheus.yml scrapes on the compose stack", service)
				.containsEntry("prometheus.io/scrape", "true")
				.containsEntry("prometheus.io/port", port)
				.containsEntry("prometheus.io/path", job.path("metrics_path").asText());
			int metricsPort = Integer.parseInt(annotations.get("prometheus.io/port"));
			assertThat(workload.pod().getContainers().get(0).getPorts()).as("%s declares its metrics port", service)
				.anySatisfy(declared -> assertThat(declared.getContainerPort()).isEqualTo(metricsPort));
			assertThat(network.scrapable(service, metricsPort))
				.as("%s's metrics port %d is open to Prometheus in the namespace monitoring", service, metricsPort)
				.isTrue();
		}
		assertThat(network.scrapable("db", 3306)).as("the database is closed to Prometheus").isFalse();
		assertThat(network.reachableFromOutside("gateway", 8081))
			.as("the gateway's management port is open to Prometheus, not to the outside world")
			.isFalse();
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void mlScalesWithAnAutoscalerAndEveryServiceHasADisruptionBudget(RenderedOverlay overlay) {
		HorizontalPodAutoscaler autoscaler = overlay.get(HorizontalPodAutoscaler.class, "ml");
		assertThat(autoscaler.getSpec().getScaleTargetRef().getName()).isEqualTo("ml");
		assertThat(autoscaler.getSpec().getMinReplicas()).isPositive();
		assertThat(autoscaler.getSpec().getMaxReplicas()).isGreaterThanOrEqualTo(autoscaler.getSpec().getMinReplicas());
		// The autoscaler owns the count: a replicas field would reset it at every apply.
		assertThat(overlay.get(Deployment.class, "ml").getSpec().getReplicas()).isNull();

		for (Deployment deployment : overlay.all(Deployment.class)) {
			String name = deployment.getMetadata().getName();
			PodDisruptionBudget budget = overlay.get(PodDisruptionBudget.class, name);
			assertThat(labels(overlay, name)).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
			if (overlay.name().equals("prod") && deployment.getSpec().getReplicas() != null) {
				assertThat(deployment.getSpec().getReplicas()).as(name).isGreaterThanOrEqualTo(2);
			}
		}
		if (overlay.name().equals("prod")) {
			assertThat(autoscaler.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
		}
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void theModelRepositoryIsAVolumeWhereMlLooksForIt(RenderedOverlay overlay) {
		Deployment ml = overlay.get(Deployment.class, "ml");
		var pod = ml.getSpec().getTemplate().getSpec();
		var volume = pod.getVolumes().stream().filter(v -> v.getName().equals("models")).findFirst().orElseThrow();
		assertThat(volume.getPersistentVolumeClaim().getClaimName()).isEqualTo("models");
		assertThat(pod.getContainers().get(0).getVolumeMounts())
			.anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/models"));
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void noRealSecretIsCommitted(RenderedOverlay overlay) {
		List<Secret> secrets = overlay.all(Secret.class);
		if (overlay.name().equals("prod")) {
			assertThat(secrets).as("prod's secrets are created in the cluster, not committed").isEmpty();
			return;
		}
		assertThat(secrets).isNotEmpty();
		for (Secret secret : secrets) {
			secret.getData()
				.values()
				.forEach(value -> assertThat(new String(Base64.getDecoder().decode(value))).contains("dev-only"));
		}
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void theDevelopmentDatabaseHasTheComposeDatabasesSettings(RenderedOverlay overlay) throws IOException {
		if (!overlay.name().equals("dev")) {
			assertThat(overlay.find(ConfigMap.class, "mariadb-config")).isEmpty();
			return;
		}
		assertThat(overlay.get(ConfigMap.class, "mariadb-config").getData().get("berth.cnf"))
			.isEqualTo(Files.readString(Path.of("../db/conf.d/berth.cnf")));
	}

	private static Map<String, String> labels(RenderedOverlay overlay, String workload) {
		return overlay.objects()
			.stream()
			.filter(object -> object.getMetadata().getName().equals(workload))
			.map(object -> object instanceof Deployment d ? d.getSpec().getTemplate().getMetadata().getLabels()
					: object instanceof io.fabric8.kubernetes.api.model.apps.StatefulSet s
							? s.getSpec().getTemplate().getMetadata().getLabels() : null)
			.filter(labels -> labels != null)
			.findFirst()
			.orElseThrow();
	}

	private static String describe(HasMetadata object) {
		return object.getKind() + " " + object.getMetadata().getName();
	}

	/**
	 * What the policies allow between pods named by {@code app.kubernetes.io/name}: a
	 * connection needs an ingress rule at its target and an egress rule at its source
	 * (the policies deny everything else).
	 */
	private record Network(List<NetworkPolicy> policies) {

		boolean allows(String from, String to, int port) {
			return admits(to, peer -> matches(peer.getPodSelector(), from) && peer.getNamespaceSelector() == null, port)
					&& sends(from, peer -> matches(peer.getPodSelector(), to) && peer.getNamespaceSelector() == null,
							port);
		}

		/** Whether the pods {@code prometheus} in the namespace monitoring reach it. */
		boolean scrapable(String to, int port) {
			return admits(to,
					peer -> peer.getNamespaceSelector() != null
							&& "monitoring"
								.equals(peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"))
							&& matches(peer.getPodSelector(), "prometheus"),
					port);
		}

		boolean reachableFromOutside(String to, int port) {
			return admits(to, peer -> peer.getIpBlock() != null, port);
		}

		boolean mayLeaveTheCluster(String from, int port) {
			return sends(from, peer -> peer.getIpBlock() != null, port);
		}

		private boolean admits(String pod, java.util.function.Predicate<NetworkPolicyPeer> source, int port) {
			return this.policies.stream()
				.filter(policy -> matches(policy.getSpec().getPodSelector(), pod))
				.flatMap(policy -> policy.getSpec().getIngress().stream())
				.anyMatch(rule -> allowsPort(rule.getPorts(), port)
						&& (rule.getFrom().isEmpty() || rule.getFrom().stream().anyMatch(source)));
		}

		private boolean sends(String pod, java.util.function.Predicate<NetworkPolicyPeer> target, int port) {
			return this.policies.stream()
				.filter(policy -> matches(policy.getSpec().getPodSelector(), pod))
				.flatMap(policy -> policy.getSpec().getEgress().stream())
				.anyMatch(rule -> allowsPort(rule.getPorts(), port)
						&& (rule.getTo().isEmpty() || rule.getTo().stream().anyMatch(target)));
		}

		private static boolean allowsPort(List<NetworkPolicyPort> ports, int port) {
			return ports.isEmpty() || ports.stream().anyMatch(allowed -> allowed.getPort().getIntVal() == port);
		}

		private static boolean matches(LabelSelector selector, String pod) {
			if (selector == null) {
				return false;
			}
			assertThat(selector.getMatchExpressions()).as("only matchLabels are evaluated here").isNullOrEmpty();
			Map<String, String> labels = selector.getMatchLabels();
			return labels == null || labels.isEmpty()
					|| Map.of("app.kubernetes.io/name", pod).entrySet().containsAll(labels.entrySet());
		}

	}

}
