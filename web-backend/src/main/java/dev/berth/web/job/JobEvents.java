package dev.berth.web.job;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events of a job's progress: a {@code progress} event with the job's JSON
 * whenever it changed, looked at twice a second, until the job is completed. Each stream
 * polls the database on its own virtual thread, so it works whichever instance's workers
 * process the job.
 */
@Component
class JobEvents {

	static final Duration POLL = Duration.ofMillis(500);

	/**
	 * A stream ends after this even if the job has not: EventSource reconnects by itself,
	 * and no connection is held forever.
	 */
	static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

	private final JobService jobs;

	private final Set<SseEmitter> open = ConcurrentHashMap.newKeySet();

	JobEvents(JobService jobs) {
		this.jobs = jobs;
	}

	/**
	 * @throws JobNotFoundException before the stream starts, so that it is a 404
	 */
	SseEmitter stream(long id) {
		JobResponse first = jobs.get(id);
		SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
		open.add(emitter);
		Runnable close = () -> open.remove(emitter);
		emitter.onCompletion(close);
		emitter.onTimeout(close);
		emitter.onError(error -> close.run());
		Thread.ofVirtual().name("job-events-" + id).start(() -> poll(id, first, emitter));
		return emitter;
	}

	private void poll(long id, JobResponse first, SseEmitter emitter) {
		try {
			JobResponse sent = null;
			JobResponse current = first;
			while (open.contains(emitter)) {
				if (!current.equals(sent)) {
					emitter.send(SseEmitter.event().name("progress").data(current, MediaType.APPLICATION_JSON));
					sent = current;
				}
				if (current.status() == JobStatus.COMPLETED) {
					emitter.complete();
					return;
				}
				Thread.sleep(POLL);
				current = jobs.get(id);
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client went away (or the stream timed out): nothing left to tell.
			emitter.completeWithError(ex);
		}
		catch (InterruptedException ex) {
			emitter.complete();
		}
		catch (RuntimeException ex) {
			emitter.completeWithError(ex);
		}
		finally {
			open.remove(emitter);
		}
	}

	/** Ends every stream when the app stops, before the database goes away. */
	@PreDestroy
	void closeAll() {
		open.forEach(SseEmitter::complete);
		open.clear();
	}

}
