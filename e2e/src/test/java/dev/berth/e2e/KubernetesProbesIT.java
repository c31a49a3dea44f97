package dev.berth.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every HTTP probe in the Kubernetes manifests asks the running compose stack's services,
 * on the port the probe names, and gets a 2xx: the paths are the services' real ones. The
 * containers are asked directly (their networks are reachable from the Docker host),
 * since probes do not go through the gateway.
 */
@EnabledIfSystemProperty(named = "berth.compose-dir", matches = ".+")
class KubernetesProbesIT {

	private static final Path BASE = Path.of(System.getProperty("berth.compose-dir"), "deploy", "kubernetes", "base");

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	record HttpProbe(String service, String kind, String path, int port) {
	}

	@Test
	void everyProbeInTheManifestsAnswers2xxOnTheRunningService() throws Exception {
		List<HttpProbe> probes = probes();
		assertThat(probes).extracting(HttpProbe::service).contains("gateway", "web", "ml");

		for (HttpProbe probe : probes) {
			URI uri = URI.create("http://" + address(probe.service()) + ":" + probe.port() + probe.path());
			HttpResponse<Void> response = CLIENT.send(
					HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.discarding());
			assertThat(response.statusCode()).as(probe + " at " + uri).isBetween(200, 299);
		}
	}

	/**
	 * The HTTP probes of every Deployment's containers, ports resolved from their names.
	 */
	private static List<HttpProbe> probes() throws IOException {
		List<HttpProbe> probes = new ArrayList<>();
		YAMLMapper yaml = new YAMLMapper();
		try (Stream<Path> files = Files.list(BASE)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
				for (JsonNode object : yaml.readValues(yaml.createParser(file.toFile()), JsonNode.class).readAll()) {
					if (!object.path("kind").asString().equals("Deployment")) {
						continue;
					}
					for (JsonNode container : object.path("spec").path("template").path("spec").path("containers")) {
						Map<String, Integer> ports = new HashMap<>();
						container.path("ports")
							.forEach(port -> ports.put(port.path("name").asString(),
									port.path("containerPort").asInt()));
						for (String kind : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
							JsonNode get = container.path(kind).path("httpGet");
							if (!get.isMissingNode()) {
								JsonNode port = get.path("port");
								probes.add(new HttpProbe(object.path("metadata").path("name").asString(), kind,
										get.path("path").asString(),
										port.isNumber() ? port.asInt() : ports.get(port.asString())));
							}
						}
					}
				}
			}
		}
		return probes;
	}

	/** The compose service's container address on one of its networks. */
	private static String address(String service) {
		String container = output("docker", "compose", "ps", "-q", service).strip();
		assertThat(container).as("a running container of the compose service " + service).isNotEmpty();
		return output("docker", "inspect", "--format", "{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}",
				container)
			.strip()
			.split(" ")[0];
	}

	private static String output(String... command) {
		try {
			Process process = new ProcessBuilder(command).directory(new File(System.getProperty("berth.compose-dir")))
				.redirectError(ProcessBuilder.Redirect.INHERIT)
				.start();
			String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
			return out;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
