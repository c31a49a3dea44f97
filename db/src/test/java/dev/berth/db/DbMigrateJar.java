package dev.berth.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.testcontainers.containers.JdbcDatabaseContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the packaged {@code db-migrate} jar the way compose does: a separate JVM,
 * {@code java -jar berth-db-*-exec.jar [args]}, configured only through its environment.
 */
public final class DbMigrateJar {

	private DbMigrateJar() {
	}

	/** What the run printed (stdout and stderr) and how it exited. */
	public record Run(int exitCode, String output) {

	}

	/** The environment compose gives db-migrate for this database. */
	public static Map<String, String> datasource(JdbcDatabaseContainer<?> database) {
		return Map.of("SPRING_DATASOURCE_URL", database.getJdbcUrl(), "SPRING_DATASOURCE_USERNAME",
				database.getUsername(), "SPRING_DATASOURCE_PASSWORD", database.getPassword());
	}

	public static Run run(Map<String, String> environment, String... args) throws IOException, InterruptedException {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(java, "-jar", execJar().toString()));
		command.addAll(List.of(args));
		ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
		pb.environment().putAll(environment);
		Process process = pb.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("db-migrate finished").isTrue();
		return new Run(process.exitValue(), output);
	}

	private static Path execJar() {
		Path jar = Path.of(System.getProperty("berth.db.exec-jar", "target/berth-db-exec.jar"));
		assertThat(jar).as("the exec jar is built in the package phase, before failsafe runs").isRegularFile();
		return jar;
	}

}
