package dev.berth.web.schema;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code berth.schema.required-version} names the db module's latest migration, on every
 * engine: a new migration without it raised would let web start before db-migrate applied
 * it.
 */
class RequiredSchemaVersionTest {

	/** A versioned migration: V, the version (underscores for dots), two underscores. */
	private static final Pattern MIGRATION = Pattern.compile(".*/db/migration/([^/]+)/V([0-9_.]+?)__[^/]*\\.sql");

	@Test
	void theRequiredVersionIsTheLatestMigrationOfEveryEngine() throws IOException {
		String required = requiredVersion();
		Map<String, SchemaVersion> latest = latestMigrations();
		SchemaVersion common = latest.remove("common");
		assertThat(latest).as("engine folders of the db module's migrations on the test class path").isNotEmpty();
		latest.forEach((engine, highest) -> {
			SchemaVersion reached = (common != null && common.isAtLeast(highest)) ? common : highest;
			assertThat(SchemaVersion.parse(required))
				.withFailMessage(
						"berth.schema.required-version is %s in web-backend/src/main/resources/application.yml, but the"
								+ " db module's migrations (common and %s) reach version %s: set it to %s once the"
								+ " entities match that schema (web waits at startup for the version it names)",
						required, engine, reached, reached)
				.isEqualByComparingTo(reached);
		});
	}

	private static String requiredVersion() throws IOException {
		for (PropertySource<?> source : new YamlPropertySourceLoader().load("application.yml",
				new ClassPathResource("application.yml"))) {
			Object value = source.getProperty("berth.schema.required-version");
			if (value != null) {
				return value.toString();
			}
		}
		throw new AssertionError("application.yml sets no berth.schema.required-version");
	}

	/** The highest version in each folder of db/migration ({@code common} included). */
	private static Map<String, SchemaVersion> latestMigrations() throws IOException {
		Map<String, SchemaVersion> latest = new TreeMap<>();
		for (Resource resource : new PathMatchingResourcePatternResolver()
			.getResources("classpath*:db/migration/*/V*__*.sql")) {
			Matcher migration = MIGRATION.matcher(resource.getURI().toString());
			assertThat(migration.matches()).as("a versioned migration: %s", resource).isTrue();
			SchemaVersion version = SchemaVersion.parse(migration.group(2).replace('_', '.'));
			latest.merge(migration.group(1), version, (a, b) -> a.isAtLeast(b) ? a : b);
		}
		return latest;
	}

}
