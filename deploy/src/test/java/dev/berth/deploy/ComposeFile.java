package dev.berth.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The services of the project's docker-compose.yml, with every variable at its default.
 */
final class ComposeFile {

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{[A-Z0-9_]+(?::?-([^}]*))?}");

	private final JsonNode services;

	private ComposeFile(JsonNode services) {
		this.services = services;
	}

	static ComposeFile read(Path file) {
		try {
			return new ComposeFile(new YAMLMapper().readTree(file.toFile()).path("services"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The image's repository without its tag, e.g. {@code berth/web}. */
	String imageRepository(String service) {
		String image = defaults(this.services.path(service).path("image").asText());
		return image.substring(0, image.lastIndexOf(':'));
	}

	Map<String, String> environment(String service) {
		Map<String, String> environment = new LinkedHashMap<>();
		this.services.path(service)
			.path("environment")
			.properties()
			.forEach(entry -> environment.put(entry.getKey(), defaults(entry.getValue().asText())));
		return environment;
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

}
