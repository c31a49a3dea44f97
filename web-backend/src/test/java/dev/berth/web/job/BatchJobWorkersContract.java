package dev.berth.web.job;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.berth.web.WebAppTest;
import dev.berth.web.inference.StubMlServer;
import dev.berth.web.job.JobUploads.Part;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.JdbcDatabaseContainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.berth.web.job.JobUploads.pictures;
import static dev.berth.web.job.JobUploads.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The queue's promise on every engine the schema supports (one subclass each): however
 * many workers compete, and whatever happens to one mid-batch, every item ends with
 * exactly one result. The app's own workers run throughout; tests add competitors or take
 * a batch away from them as a dying worker would.
 */
@WebAppTest
abstract class BatchJobWorkersContract {

	private static final Pattern BATCH = Pattern.compile("\"shape\":\\[(\\d+),");

	@Autowired
	RestTestClient http;

	@Autowired
	StubMlServer ml;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JobProcessor processor;

	@Autowired
	JobWorkers workers;

	@Autowired
	JdbcDatabaseContainer<?> database;

	JobUploads api;

	@BeforeEach
	void reset() {
		ml.reset();
		api = new JobUploads(http);
	}

	@AfterEach
	void workersRun() {
		workers.start();
	}

	@Test
	void competingWorkersClassifyEveryItemExactlyOnce() throws Exception {
		int items = 300;
		long id = api.create(new Part("many.zip", zip(pictures(items))));

		// Four more workers with small batches, racing the app's two.
		ExecutorService competitors = Executors.newFixedThreadPool(4);
		List<Future<Integer>> finished = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			finished.add(competitors.submit(() -> {
				int done = 0;
				for (int batch = processor.processNextBatch(7); batch > 0; batch = processor.processNextBatch(7)) {
					done += batch;
				}
				return done;
			}));
		}
		competitors.shutdown();
		int byCompetitors = 0;
		for (Future<Integer> done : finished) {
			byCompetitors += done.get();
		}

		assertThat(api.awaitCompleted(id)).containsEntry("succeeded", items).containsEntry("failed", 0);
		assertThat(JobUploads.predictionsPerItem(jdbc, id)).hasSize(items)
			.allSatisfy((item, count) -> assertThat(count).isOne());
		// Each picture went to ml exactly once, in batches of at most 64 (7 for the
		// competitors): no batch was sent twice or rolled back.
		List<Integer> batches = ml.requests().stream().map(request -> batchSize(request.body())).toList();
		assertThat(batches).allSatisfy(size -> assertThat(size).isBetween(1, 64));
		assertThat(batches.stream().mapToInt(Integer::intValue).sum()).isEqualTo(items);
		assertThat(byCompetitors).isLessThanOrEqualTo(items);
	}

	@Test
	void aBatchWhoseWorkerDiesBeforeCommittingIsClaimedAgain() throws Exception {
		workers.stop();
		long id = api.create(new Part("ten.zip", zip(pictures(10))));

		try (Connection dying = DriverManager.getConnection(database.getJdbcUrl(), database.getUsername(),
				database.getPassword())) {
			// A worker claims the batch and has stored one result when it dies.
			dying.setAutoCommit(false);
			List<Long> claimed = claim(dying);
			assertThat(claimed).hasSize(10);
			try (PreparedStatement result = dying.prepareStatement("INSERT INTO prediction (created_at, model_name,"
					+ " model_version, predicted_label, confidence, probabilities, pixels, source, job_item_id)"
					+ " VALUES (CURRENT_TIMESTAMP, 'mnist', '1', 3, 1, '[0,0,0,1]', ?, 'BATCH', ?)")) {
				result.setBytes(1, new byte[784]);
				result.setLong(2, claimed.get(0));
				result.executeUpdate();
			}

			// While it lives, its items are not another worker's to take.
			assertThat(processor.processNextBatch(64)).isZero();

			// The connection dies without a commit: the database rolls the batch back.
			dying.abort(Runnable::run);
		}
		workers.start();

		assertThat(api.awaitCompleted(id)).containsEntry("succeeded", 10);
		assertThat(JobUploads.predictionsPerItem(jdbc, id)).hasSize(10)
			.allSatisfy((item, count) -> assertThat(count).isOne());
		assertThat(jdbc.queryForObject(
				"SELECT COUNT(*) FROM prediction p JOIN batch_job_item i"
						+ " ON p.job_item_id = i.id WHERE i.job_id = ? AND p.latency_micros IS NULL",
				Integer.class, id))
			.as("the dead worker's result")
			.isZero();
	}

	@Test
	void aJobWaitsWhileMlIsUnavailableAndCompletesOnceItAnswers() {
		ml.answer(503, "{\"error\":\"loading\"}");
		long id = api.create(new Part("a.png", JobUploads.png(1)), new Part("b.png", JobUploads.png(2)));

		// Workers tried, were turned away, and tried again.
		await().atMost(JobUploads.PATIENCE).until(() -> ml.requests().size() >= 2);
		assertThat(api.job(id)).containsEntry("status", "QUEUED").containsEntry("processed", 0);
		assertThat(JobUploads.predictionsPerItem(jdbc, id)).isEmpty();

		ml.reset();

		assertThat(api.awaitCompleted(id)).containsEntry("succeeded", 2);
		assertThat(JobUploads.predictionsPerItem(jdbc, id)).hasSize(2)
			.allSatisfy((item, count) -> assertThat(count).isOne());
	}

	/** Claims items with the workers' own SQL on this connection. */
	private static List<Long> claim(Connection connection) throws Exception {
		List<Long> ids = new ArrayList<>();
		try (PreparedStatement claim = connection.prepareStatement(JobQueue.CLAIM)) {
			claim.setInt(1, 64);
			try (ResultSet rows = claim.executeQuery()) {
				while (rows.next()) {
					ids.add(rows.getLong("id"));
				}
			}
		}
		return ids;
	}

	private static int batchSize(String body) {
		Matcher batch = BATCH.matcher(body);
		assertThat(batch.find()).as(body).isTrue();
		return Integer.parseInt(batch.group(1));
	}

}
