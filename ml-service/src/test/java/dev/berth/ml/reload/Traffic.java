package dev.berth.ml.reload;

import static java.util.concurrent.TimeUnit.MINUTES;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.berth.ml.MnistSample;
import dev.berth.ml.V2Client;
import dev.berth.ml.V2Client.Reply;

/**
 * Clients sending the same digit to a model's default version without pause, from their
 * own threads, noting every failure and every (version, answer) they see.
 */
final class Traffic implements AutoCloseable {

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final List<Thread> clients = new ArrayList<>();

	private final List<String> failures = new CopyOnWriteArrayList<>();

	private final Set<String> answers = ConcurrentHashMap.newKeySet();

	private final AtomicInteger requests = new AtomicInteger();

	Traffic(V2Client client, String model, Map<String, Object> request, int threads) {
		for (int i = 0; i < threads; i++) {
			Thread thread = new Thread(() -> {
				while (running.get()) {
					try {
						Reply reply = client.post("/v2/models/" + model + "/infer", request);
						requests.incrementAndGet();
						if (reply.status() != 200) {
							failures.add(reply.status() + " " + reply.body());
							continue;
						}
						int answer = MnistSample.digit(reply);
						answers.add(reply.json().path("model_version").asString() + ":" + answer);
					}
					catch (RuntimeException e) {
						failures.add(e.toString());
					}
				}
			}, "traffic-" + model + "-" + i);
			// A failed assertion before stop() must not leave the test JVM running.
			thread.setDaemon(true);
			thread.start();
			clients.add(thread);
		}
	}

	/**
	 * Waits until at least this many more requests have been answered, so a change
	 * happens under load.
	 */
	void awaitRequests(int count) {
		int target = requests.get() + count;
		await("%d requests answered".formatted(count)).atMost(1, MINUTES).until(() -> requests.get() >= target);
	}

	/** Stops the clients and returns what they saw. */
	Seen stop() {
		close();
		return new Seen(List.copyOf(failures), Set.copyOf(answers), requests.get());
	}

	@Override
	public void close() {
		running.set(false);
		for (Thread thread : clients) {
			try {
				thread.join();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * @param answers "version:digit" pairs
	 */
	record Seen(List<String> failures, Set<String> answers, int requests) {
	}

}
