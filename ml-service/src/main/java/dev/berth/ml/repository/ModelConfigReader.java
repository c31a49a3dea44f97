package dev.berth.ml.repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads {@code config.yml} strictly: an unknown key is an error, so a typo cannot go
 * unnoticed.
 */
final class ModelConfigReader {

	private final YAMLMapper mapper = YAMLMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	/**
	 * @throws IllegalArgumentException with a one-line reason, naming the file
	 */
	ModelConfig read(Path file) {
		String where = file.getFileName().toString();
		try {
			ModelConfig config = mapper.readValue(Files.readString(file), ModelConfig.class);
			if (config == null) {
				throw new IllegalArgumentException(where + " is empty");
			}
			return config;
		}
		catch (IOException e) {
			throw new IllegalArgumentException("cannot read %s: %s".formatted(where, e.getMessage()), e);
		}
		catch (UnrecognizedPropertyException e) {
			throw new IllegalArgumentException("%s: unknown key '%s'%s".formatted(where, e.getPropertyName(), at(e)),
					e);
		}
		catch (MismatchedInputException e) {
			throw new IllegalArgumentException("%s: expected %s%s".formatted(where, describe(e.getTargetType()), at(e)),
					e);
		}
		catch (DatabindException e) {
			throw new IllegalArgumentException("%s: %s%s".formatted(where, e.getOriginalMessage(), at(e)), e);
		}
		catch (JacksonException e) {
			throw new IllegalArgumentException("%s is not valid YAML: %s".formatted(where, e.getOriginalMessage()), e);
		}
	}

	/**
	 * Where in the file, as a path like {@code inputs[0].shape}; Jackson's line numbers
	 * point past the problem.
	 */
	private static String at(DatabindException e) {
		String path = e.getPath()
			.stream()
			.map(ref -> ref.getPropertyName() != null ? "." + ref.getPropertyName() : "[" + ref.getIndex() + "]")
			.collect(Collectors.joining());
		return path.isEmpty() ? "" : " at " + path.substring(path.startsWith(".") ? 1 : 0);
	}

	/** What a value should have been, in YAML words rather than Java class names. */
	private static String describe(Class<?> type) {
		if (type == null) {
			return "another kind of value";
		}
		if (type.isRecord() || Map.class.isAssignableFrom(type)) {
			return "a mapping (key: value)";
		}
		if (Collection.class.isAssignableFrom(type) || type.isArray()) {
			return "a list";
		}
		if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
			return "a number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		return "text";
	}

}
