package dev.berth.db.migrate;

import java.util.Arrays;
import java.util.List;

import dev.berth.db.copy.CopyConfiguration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * Runs Flyway once and exits: 0 when the schema is current, non-zero when a migration
 * fails (Spring Boot's Flyway initializer throws during startup, so {@code run} never
 * returns). Compose starts {@code web} only after this has completed successfully.
 *
 * <p>
 * With the argument {@code copy} it copies another database's rows into this one instead
 * (see {@link CopyConfiguration}).
 */
@SpringBootApplication
@Import(CopyConfiguration.class)
public class MigrateApplication {

	/**
	 * Own config name, so this jar's settings never shadow an app that has it on its
	 * classpath.
	 */
	static final String CONFIG_NAME = "db-migrate";

	static final String USAGE = "usage: db-migrate [copy] [--property=value ...]"
			+ " (no command: migrate the database; copy: copy the rows of BERTH_DB_COPY_SOURCE_URL into it)";

	public static void main(String[] args) {
		List<String> commands = commands(args);
		if (!commands.isEmpty() && !commands.equals(List.of(CopyConfiguration.PROFILE))) {
			System.err.println("db-migrate: unknown command " + String.join(" ", commands) + "; " + USAGE);
			System.exit(2);
		}
		System.exit(SpringApplication.exit(run(args)));
	}

	static ConfigurableApplicationContext run(String... args) {
		SpringApplicationBuilder app = new SpringApplicationBuilder(MigrateApplication.class)
			.properties("spring.config.name=" + CONFIG_NAME);
		if (commands(args).contains(CopyConfiguration.PROFILE)) {
			app.profiles(CopyConfiguration.PROFILE);
		}
		return app.run(args);
	}

	/** The arguments that are not {@code --property=value} options. */
	private static List<String> commands(String[] args) {
		return Arrays.stream(args).filter((arg) -> !arg.startsWith("--")).toList();
	}

}
