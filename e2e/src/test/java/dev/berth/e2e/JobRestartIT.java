package dev.berth.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A batch job survives its web container being killed mid-job: it resumes when web is
 * back, loses no picture and classifies none twice. Needs control of the stack's
 * containers ({@code -Dberth.compose-dir}, which {@code ./berth e2e} sets).
 */
@EnabledIfSystemProperty(named = "berth.compose-dir", matches = ".+")
class JobRestartIT {

	static final int PICTURES = 10_000;

	@Test
	void aJobResumesAfterWebIsKilledAndFinishesEveryPictureOnce() {
		Stack.Response created = Stack.postPictures("/api/jobs", Map.of("restart.zip", zipOfDigits()), Map.of());
		assertThat(created.status()).as(created.body()).isEqualTo(202);
		long id = created.json().get("id").asLong();

		long processedBeforeKill = await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> job(id).path("processed").asLong(), processed -> processed > 0);
		Stack.compose("kill", "web");
		Stack.compose("start", "web");

		JsonNode done = await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> job(id), job -> "COMPLETED".equals(job.path("status").asString()));
		assertThat(processedBeforeKill).as("the job was stopped part-way").isLessThan(PICTURES);
		assertThat(done.get("succeeded").asLong()).isEqualTo(PICTURES);
		assertThat(done.get("failed").asLong()).isZero();

		List<String> rows = Stack.get("/api/jobs/" + id + "/results.csv").body().lines().skip(1).toList();
		assertThat(rows).hasSize(PICTURES);
		Set<String> items = new HashSet<>();
		Set<String> predictions = new HashSet<>();
		for (String row : rows) {
			String[] cells = row.split(",");
			assertThat(cells[2]).as(row).isEqualTo("DONE");
			items.add(cells[0]);
			predictions.add(cells[cells.length - 1]);
		}
		assertThat(items).as("every picture once").hasSize(PICTURES);
		assertThat(predictions).as("one prediction per picture").hasSize(PICTURES);
	}

	private static JsonNode job(long id) {
		Stack.Response response = Stack.get("/api/jobs/" + id);
		// While web restarts the gateway answers 5xx: not a state of the job.
		return response.status() == 200 ? response.json() : Stack.JSON.createObjectNode();
	}

	private static byte[] zipOfDigits() {
		List<Stack.Digit> digits = Stack.digits();
		ByteArrayOutputStream zip = new ByteArrayOutputStream();
		try (ZipOutputStream out = new ZipOutputStream(zip)) {
			for (int i = 0; i < PICTURES; i++) {
				out.putNextEntry(new ZipEntry("digit-" + i + ".png"));
				out.write(Stack.png(digits.get(i % digits.size())));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return zip.toByteArray();
	}

}
