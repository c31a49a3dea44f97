package dev.berth.web.job;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import dev.berth.web.WebAppTest;
import dev.berth.web.inference.StubMlServer;
import dev.berth.web.job.JobUploads.Part;
import dev.berth.web.system.RequestId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static dev.berth.web.job.JobUploads.png;
import static dev.berth.web.job.JobUploads.jpeg;
import static dev.berth.web.job.JobUploads.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The batch job API over real HTTP, with a real MariaDB, this app's own workers, and the
 * real ml client talking to a stub ml server: uploads and their limits, progress, results
 * and the event stream.
 */
@WebAppTest
class BatchJobApiIT {

	@Autowired
	RestTestClient http;

	@Autowired
	StubMlServer ml;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JobWorkers workers;

	@Autowired
	JobProcessor processor;

	@LocalServerPort
	int port;

	JobUploads api;

	@BeforeEach
	void reset() {
		ml.reset();
		api = new JobUploads(http);
	}

	@AfterEach
	void workersRun() {
		// As a worker does after each batch: a test that processed one itself leaves no
		// job's id on its own log lines.
		MDC.remove(RequestId.MDC_KEY);
		workers.start();
	}

	@Test
	void aZipOfGoodAndBadPicturesBecomesACompletedJobWithItsResults() throws InterruptedException {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		entries.put("digits/", new byte[0]);
		entries.put("digits/one.png", png(1));
		entries.put("digits/two, \"quoted\".jpg", jpeg(2));
		entries.put("digits/broken.png", "not a picture".getBytes());
		entries.put("__MACOSX/digits/._one.png", new byte[] { 0, 5, 22, 7 });
		entries.put("digits/.DS_Store", new byte[] { 0, 0, 0, 1 });
		entries.put("readme.txt", "skipped".getBytes());

		// One batch by one worker: two workers racing for a job's items may each claim
		// some of them.
		workers.stop();
		long id = api.create(new Part("digits.zip", zip(entries)), new Part("=HYPERLINK(1).png", png(3)));
		assertThat(processor.processNextBatch(64)).isEqualTo(4);
		Map<String, Object> job = api.awaitCompleted(id);

		assertThat(job).containsEntry("name", "digits.zip")
			.containsEntry("total", 4)
			.containsEntry("processed", 4)
			.containsEntry("succeeded", 3)
			.containsEntry("failed", 1)
			.containsEntry("resultsUrl", "/api/jobs/" + id + "/results.csv");
		assertThat(job.get("startedAt")).isNotNull();
		assertThat(job.get("finishedAt")).isNotNull();
		assertThat(JobUploads.predictionsPerItem(jdbc, id)).hasSize(3)
			.allSatisfy((item, count) -> assertThat(count).isOne());
		// The three readable pictures went to ml in one request with a batch dimension.
		assertThat(ml.requests()).singleElement()
			.satisfies(request -> assertThat(request.body()).contains("\"shape\":[3,1,28,28]"));

		List<String> rows = Arrays.asList(api.results(id).split("\r\n"));
		assertThat(rows).hasSize(5);
		assertThat(rows.get(0)).isEqualTo("item,file,status,predicted_label,confidence,error,prediction_id");
		assertThat(rows.get(1)).matches("1,digits/one.png,DONE,3,0\\.99\\d*,,\\d+");
		assertThat(rows.get(2)).matches("2,\"digits/two, \"\"quoted\"\"\\.jpg\",DONE,3,0\\.99\\d*,,\\d+");
		assertThat(rows.get(3)).matches("3,digits/broken.png,FAILED,,,.+,");
		// A file name a spreadsheet would run as a formula stays text.
		assertThat(rows.get(4)).matches("4,'=HYPERLINK\\(1\\)\\.png,DONE,3,0\\.99\\d*,,\\d+");
		assertThat(jdbc.queryForList(
				"SELECT source FROM prediction p JOIN batch_job_item i ON p.job_item_id = i.id" + " WHERE i.job_id = ?",
				String.class, id))
			.containsOnly("BATCH");
	}

	/** Outside any request, a worker's calls to ml (and its log lines) name the job. */
	@Test
	void theWorkersCallsToMlCarryTheJobAsRequestId() {
		long id = api.create(new Part("one.png", png(1)), new Part("two.png", png(2)));
		api.awaitCompleted(id);

		// Every call names some job (another test's leftovers may be processed too).
		assertThat(ml.requests()).extracting(StubMlServer.Request::requestId)
			.contains("job-" + id)
			.allSatisfy(requestId -> assertThat(requestId).matches("job-\\d+"));
	}

	@Test
	void jobsAreListedNewestFirstWithTheirProgress() {
		long older = api.create(new Part("older.png", png(1)));
		long newer = api.create(new Part("a.png", png(2)), new Part("b.png", png(3)));
		api.awaitCompleted(older);
		api.awaitCompleted(newer);

		http.get()
			.uri("/api/jobs?size=2")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.content[*].id")
			.isEqualTo(List.of((int) newer, (int) older))
			.jsonPath("$.content[0].name")
			.isEqualTo("a.png")
			.jsonPath("$.content[0].succeeded")
			.isEqualTo(2)
			.jsonPath("$.content[1].processed")
			.isEqualTo(1)
			.jsonPath("$.page.size")
			.isEqualTo(2);
	}

	@Test
	void anUnknownJobIsNotFound() {
		for (String path : List.of("/api/jobs/0", "/api/jobs/0/results.csv", "/api/jobs/0/events")) {
			http.get()
				.uri(path)
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.detail")
				.isEqualTo("There is no job 0.");
		}
	}

	@Test
	void anUploadWithoutFilesIsRejected() {
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		parts.add("name", "nothing");

		expectProblem(api.post(parts), 400, "send pictures (PNG, JPEG) or ZIP files of them as 'files' parts");
	}

	@Test
	void anUploadWithoutPicturesIsRejected() {
		expectProblem(
				api.upload(List.of(new Part("notes.zip",
						zip(Map.of("readme.txt", "hi".getBytes(), "__MACOSX/._a.png", new byte[3]))))),
				400, "no PNG or JPEG picture in the upload (skipped: notes.zip:readme.txt)");
	}

	@Test
	void moreThanTenThousandPicturesAreRejected() {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		for (int i = 0; i <= 10_000; i++) {
			entries.put(i + ".png", new byte[] { 1 });
		}

		expectProblem(api.upload(List.of(new Part("many.zip", zip(entries)))), 413,
				"the upload holds more than 10000 pictures: a job may have at most 10000 (berth.jobs.max-items)");
	}

	@Test
	void aPictureThatInflatesBeyondFiveMegabytesIsRejected() {
		byte[] bomb = zip(Map.of("huge.png", new byte[(5 << 20) + 1]));
		assertThat(bomb.length).isLessThan(10_000);

		expectProblem(api.upload(List.of(new Part("bomb.zip", bomb))), 413,
				"'huge.png' in 'bomb.zip' inflates to more than 5 MB: a picture may have at most 5 MB (berth.jobs.max-picture-bytes)");
	}

	@Test
	void picturesThatInflateBeyondFiftyMegabytesInAllAreRejected() {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		for (int i = 0; i < 11; i++) {
			// Hidden in __MACOSX/, skipped: its bytes are counted all the same.
			entries.put((i == 10 ? "__MACOSX/" : "") + i + ".png", new byte[5 << 20]);
		}

		expectProblem(api.upload(List.of(new Part("bombs.zip", zip(entries)))), 413,
				"the pictures add up to more than 50 MB (at 'bombs.zip'): a job may have at most 50 MB (berth.jobs.max-bytes)");
	}

	@Test
	void aRequestOverTheMultipartLimitIsRejectedWithAProblem() {
		// Over spring.servlet.multipart's 51 MB: refused by the server before any job
		// code
		// runs, as Spring's own problem detail.
		byte[] large = new byte[52 << 20];

		api.upload(List.of(new Part("large.png", large)))
			.expectStatus()
			.isEqualTo(413)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Content Too Large")
			.jsonPath("$.status")
			.isEqualTo(413);
	}

	@Test
	void theEventStreamReportsProgressUntilTheJobIsCompleted() throws Exception {
		ml.answer(503, "{\"error\":\"loading\"}");
		long id = api.create(new Part("a.png", png(1)), new Part("b.png", png(2)));
		await().atMost(JobUploads.PATIENCE).until(() -> !ml.requests().isEmpty());

		HttpResponse<java.util.stream.Stream<String>> stream = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/jobs/" + id + "/events"))
				.build(), HttpResponse.BodyHandlers.ofLines());
		assertThat(stream.statusCode()).isEqualTo(200);
		assertThat(stream.headers().firstValue(HttpHeaders.CONTENT_TYPE))
			.hasValueSatisfying(type -> assertThat(type).startsWith(MediaType.TEXT_EVENT_STREAM_VALUE));
		CompletableFuture<List<String>> lines = CompletableFuture.supplyAsync(() -> stream.body().toList());
		ml.reset();

		List<String> events = lines.get(JobUploads.PATIENCE.toSeconds(), TimeUnit.SECONDS);
		List<String> data = events.stream().filter(line -> line.startsWith("data:")).toList();
		assertThat(events).filteredOn(line -> line.startsWith("event:")).containsOnly("event:progress");
		assertThat(data).hasSizeGreaterThanOrEqualTo(2);
		assertThat(data.get(0)).contains("\"status\":\"QUEUED\"", "\"processed\":0");
		assertThat(data.get(data.size() - 1)).contains("\"status\":\"COMPLETED\"", "\"processed\":2",
				"\"succeeded\":2");
	}

	private static void expectProblem(RestTestClient.ResponseSpec response, int status, String detail) {
		response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo(detail);
	}

}
