package dev.berth.web.job;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Pictures, ZIPs and requests for the batch job API's tests. */
final class JobUploads {

	static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private final RestTestClient http;

	JobUploads(RestTestClient http) {
		this.http = http;
	}

	/** A 28x28 PNG of a white stroke on black, different for every {@code seed}. */
	static byte[] png(int seed) {
		return picture(seed, "png");
	}

	static byte[] jpeg(int seed) {
		return picture(seed, "jpg");
	}

	private static byte[] picture(int seed, String format) {
		BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
		Graphics2D g = image.createGraphics();
		g.setColor(Color.BLACK);
		g.fillRect(0, 0, 28, 28);
		g.setColor(Color.WHITE);
		g.setStroke(new BasicStroke(3));
		g.drawLine(6 + seed % 10, 4, 20 - seed % 7, 24);
		g.drawOval(8, 6 + seed % 5, 10, 8);
		g.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, format, out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/** A ZIP of these entries, in order; a name ending in / is a directory. */
	static byte[] zip(Map<String, byte[]> entries) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(out)) {
			for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
				zip.putNextEntry(new ZipEntry(entry.getKey()));
				zip.write(entry.getValue());
				zip.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/** {@code count} good pictures, named 0.png, 1.png, ... */
	static Map<String, byte[]> pictures(int count) {
		Map<String, byte[]> pictures = new LinkedHashMap<>();
		for (int i = 0; i < count; i++) {
			pictures.put(i + ".png", png(i));
		}
		return pictures;
	}

	/** A file part for {@link #upload}. */
	record Part(String fileName, byte[] bytes) {
	}

	RestTestClient.ResponseSpec upload(List<Part> files) {
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		for (Part file : files) {
			HttpHeaders headers = new HttpHeaders();
			headers.setContentDisposition(
					ContentDisposition.formData().name("files").filename(file.fileName(), UTF_8).build());
			headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
			parts.add("files", new HttpEntity<>(file.bytes(), headers));
		}
		return post(parts);
	}

	RestTestClient.ResponseSpec post(MultiValueMap<String, Object> parts) {
		return http.post().uri("/api/jobs").contentType(MediaType.MULTIPART_FORM_DATA).body(parts).exchange();
	}

	/** Uploads the files, expects a queued job and returns its id. */
	long create(Part... files) {
		Map<String, Object> job = upload(List.of(files)).expectStatus()
			.isAccepted()
			.expectHeader()
			.value("Location", location -> assertThat(location).matches(".*/api/jobs/\\d+"))
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
		assertThat(job).containsEntry("status", "QUEUED").containsEntry("processed", 0);
		return ((Number) job.get("id")).longValue();
	}

	Map<String, Object> job(long id) {
		return http.get()
			.uri("/api/jobs/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
	}

	Map<String, Object> awaitCompleted(long id) {
		await().atMost(PATIENCE).until(() -> "COMPLETED".equals(job(id).get("status")));
		return job(id);
	}

	String results(long id) {
		return http.get()
			.uri("/api/jobs/{id}/results.csv", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith("text/csv")
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	/**
	 * Predictions per item of the job (item id to count), read from the database: every
	 * DONE item must have exactly one.
	 */
	static Map<Long, Integer> predictionsPerItem(JdbcTemplate jdbc, long jobId) {
		Map<Long, Integer> counts = new LinkedHashMap<>();
		jdbc.query("SELECT i.id, COUNT(p.id) AS predictions FROM batch_job_item i"
				+ " LEFT JOIN prediction p ON p.job_item_id = i.id WHERE i.job_id = ? AND i.status = 'DONE'"
				+ " GROUP BY i.id ORDER BY i.id", row -> {
					counts.put(row.getLong("id"), row.getInt("predictions"));
				}, jobId);
		return counts;
	}

}
