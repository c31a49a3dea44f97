package dev.berth.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A file in the compose format: the project's docker-compose.yml, or the Swarm stack. It
 * is read with its aliases ({@code *logging}) and merge keys ({@code <<: *java-service})
 * resolved, as Docker reads it; Jackson's YAML parser would leave both unresolved.
 */
final class ComposeFile {

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{[A-Z0-9_]+(?::?-([^}]*))?}");

	private final Path file;

	private final JsonNode root;

	private ComposeFile(Path file, JsonNode root) {
		this.file = file;
		this.root = root;
	}

	static ComposeFile read(Path file) {
		return new ComposeFile(file, new ObjectMapper().valueToTree(yaml(file)));
	}

	/**
	 * A YAML file's first document as maps, lists and scalars, aliases and merge keys
	 * resolved.
	 */
	static Object yaml(Path file) {
		try (Reader reader = Files.newBufferedReader(file)) {
			return new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The services' names, in the file's order. */
	List<String> serviceNames() {
		List<String> names = new ArrayList<>();
		this.root.path("services").fieldNames().forEachRemaining(names::add);
		return names;
	}

	/** A service's definition, or a missing node where there is no such service. */
	JsonNode service(String name) {
		return this.root.path("services").path(name);
	}

	/** A top-level section: {@code networks}, {@code volumes}, {@code secrets}, ... */
	JsonNode section(String name) {
		return this.root.path(name);
	}

	/**
	 * The image as written, variables and all, e.g.
	 * {@code berth/web:${BERTH_TAG:-latest}}.
	 */
	String image(String service) {
		return service(service).path("image").asText();
	}

	/** The image's repository without its tag, e.g. {@code berth/web}. */
	String imageRepository(String service) {
		String image = defaults(image(service));
		return image.substring(0, image.lastIndexOf(':'));
	}

	/** A service's settings with every variable at its default. */
	Map<String, String> environment(String service) {
		Map<String, String> environment = new LinkedHashMap<>();
		environmentAsWritten(service).forEach((name, value) -> environment.put(name, defaults(value)));
		return environment;
	}

	/**
	 * A service's settings as written, e.g. {@code ${BERTH_RATE_LIMIT:-100}}; in a list
	 * ({@code - NAME=value}) or a map.
	 */
	Map<String, String> environmentAsWritten(String service) {
		Map<String, String> environment = new LinkedHashMap<>();
		JsonNode node = service(service).path("environment");
		if (node.isArray()) {
			node.forEach(entry -> {
				String[] pair = entry.asText().split("=", 2);
				environment.put(pair[0], pair.length > 1 ? pair[1] : "");
			});
		}
		else {
			node.properties()
				.forEach(entry -> environment.put(entry.getKey(),
						entry.getValue().isNull() ? "" : entry.getValue().asText()));
		}
		return environment;
	}

	/** The networks a service joins, in a list or a map. */
	List<String> networks(String service) {
		JsonNode node = service(service).path("networks");
		List<String> networks = new ArrayList<>();
		if (node.isArray()) {
			node.forEach(network -> networks.add(network.asText()));
		}
		else {
			node.fieldNames().forEachRemaining(networks::add);
		}
		return networks;
	}

	/** The services that publish a port, in the file's order. */
	List<String> publishing() {
		return serviceNames().stream().filter(name -> !service(name).path("ports").isEmpty()).toList();
	}

	/**
	 * The mode of each port a service publishes ({@code host}, {@code ingress}); empty
	 * text where the port is written in the short syntax, which cannot name one.
	 */
	List<String> portModes(String service) {
		List<String> modes = new ArrayList<>();
		service(service).path("ports").forEach(port -> modes.add(port.path("mode").asText()));
		return modes;
	}

	/** {@code deploy.resources.limits}, each value as text ({@code cpus: "1.0"}). */
	Map<String, String> limits(String service) {
		Map<String, String> limits = new LinkedHashMap<>();
		service(service).path("deploy")
			.path("resources")
			.path("limits")
			.properties()
			.forEach(entry -> limits.put(entry.getKey(), entry.getValue().asText()));
		return limits;
	}

	/** A node under a service, e.g. {@code at("web", "deploy", "update_config")}. */
	JsonNode at(String service, String... path) {
		JsonNode node = service(service);
		for (String name : path) {
			node = node.path(name);
		}
		return node.isNull() ? MissingNode.getInstance() : node;
	}

	/** {@code ${NAME:-default}} as its default, {@code ${NAME}} as nothing. */
	static String defaults(String value) {
		Matcher matcher = VARIABLE.matcher(value);
		StringBuilder resolved = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(resolved,
					Matcher.quoteReplacement(matcher.group(1) != null ? matcher.group(1) : ""));
		}
		return matcher.appendTail(resolved).toString();
	}

	@Override
	public String toString() {
		return this.file.getFileName().toString();
	}

}
