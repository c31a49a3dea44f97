package dev.berth.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.opentest4j.TestAbortedException;

/**
 * One overlay of {@code deploy/kubernetes} as {@code kubectl kustomize} renders it,
 * parsed into fabric8's typed Kubernetes model.
 */
record RenderedOverlay(String name, List<HasMetadata> objects) {

	static final Path KUBERNETES = Path.of("kubernetes");

	private static final AtomicBoolean ANNOUNCED = new AtomicBoolean();

	static RenderedOverlay render(String overlay) {
		Path folder = KUBERNETES.resolve("overlays").resolve(overlay);
		String yaml = kubectl("kustomize", folder.toString());
		Object parsed = new KubernetesSerialization().unmarshal(yaml);
		List<HasMetadata> objects = parsed instanceof KubernetesList list ? list.getItems() : castList(parsed);
		return new RenderedOverlay(overlay, objects);
	}

	@SuppressWarnings("unchecked")
	private static List<HasMetadata> castList(Object parsed) {
		return (List<HasMetadata>) parsed;
	}

	/**
	 * Runs kubectl (on the PATH, or {@code -Dkubectl=...}) and returns what it printed.
	 */
	private static String kubectl(String... arguments) {
		String kubectl = System.getProperty("kubectl", "kubectl");
		List<String> command = Stream.concat(Stream.of(kubectl), Stream.of(arguments)).toList();
		try {
			Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
			String output;
			try (InputStream out = process.getInputStream()) {
				output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
			}
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed; run it to see why");
			}
			return output;
		}
		catch (IOException ex) {
			String reason = "kubectl is needed to render the manifests (Debian: apt-get install kubernetes-client; "
					+ "./berth test installs it), or -Dkubectl=/path/to/kubectl";
			// As with Docker: skipped on a developer's machine, required under ./berth
			// test and in CI.
			if (Boolean.getBoolean("berth.tests.require-docker") || "true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException(reason, ex);
			}
			if (ANNOUNCED.compareAndSet(false, true)) {
				System.err.println("[berth] " + reason + ": SKIPPING the manifest checks.");
			}
			throw new TestAbortedException(reason, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	<T extends HasMetadata> List<T> all(Class<T> kind) {
		return this.objects.stream().filter(kind::isInstance).map(kind::cast).toList();
	}

	<T extends HasMetadata> Optional<T> find(Class<T> kind, String name) {
		return all(kind).stream().filter(object -> object.getMetadata().getName().equals(name)).findFirst();
	}

	<T extends HasMetadata> T get(Class<T> kind, String name) {
		return find(kind, name)
			.orElseThrow(() -> new AssertionError(this.name + " has no " + kind.getSimpleName() + " " + name));
	}

	/** Every workload's pod template, by the workload's name. */
	List<Workload> workloads() {
		Stream<Workload> deployments = all(Deployment.class).stream()
			.map(d -> new Workload(d.getMetadata().getName(), d.getSpec().getTemplate()));
		Stream<Workload> statefulSets = all(StatefulSet.class).stream()
			.map(s -> new Workload(s.getMetadata().getName(), s.getSpec().getTemplate()));
		return Stream.concat(deployments, statefulSets).toList();
	}

	record Workload(String name, PodTemplateSpec template) {

		PodSpec pod() {
			return this.template.getSpec();
		}

		Map<String, String> podAnnotations() {
			Map<String, String> annotations = this.template.getMetadata().getAnnotations();
			return annotations != null ? annotations : Map.of();
		}

		List<Container> allContainers() {
			return Stream.concat(pod().getInitContainers().stream(), pod().getContainers().stream()).toList();
		}

	}

	@Override
	public String toString() {
		return this.name;
	}

}
