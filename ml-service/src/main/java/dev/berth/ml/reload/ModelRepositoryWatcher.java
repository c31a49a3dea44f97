package dev.berth.ml.reload;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.berth.ml.repository.ModelLifecycle;
import dev.berth.ml.repository.ReloadPlanner;
import dev.berth.ml.repository.RepositoryChange;
import dev.berth.ml.repository.RepositoryFolder;
import dev.berth.ml.repository.RepositoryKey;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Finds changes in the model repository and applies each one once its files have stayed
 * the same for {@code berth.ml.reload.settle}. All scans and loads run on one thread, so
 * changes happen in the order they settle and a slow load delays the next scan instead of
 * overlapping it.
 */
@Component
@ConditionalOnBooleanProperty(name = "berth.ml.reload.enabled", matchIfMissing = true)
class ModelRepositoryWatcher implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ModelRepositoryWatcher.class);

	private final RepositoryFolder folder;

	private final ReloadPlanner planner;

	private final ModelLifecycle lifecycle;

	private final ReloadProperties properties;

	// Changes seen but not yet still for the settle period, with when their files last
	// changed.
	private final Map<RepositoryKey, Sighting> settling = new HashMap<>();

	private final Map<Path, WatchKey> watched = new HashMap<>();

	private final AtomicBoolean scanQueued = new AtomicBoolean();

	private ScheduledExecutorService scanner;

	private WatchService watchService;

	ModelRepositoryWatcher(RepositoryFolder folder, ReloadPlanner planner, ModelLifecycle lifecycle,
			ReloadProperties properties) {
		this.folder = folder;
		this.planner = planner;
		this.lifecycle = lifecycle;
		this.properties = properties;
	}

	/**
	 * After the startup load (application runners), so that the first scan finds only
	 * real changes.
	 */
	@EventListener(ApplicationReadyEvent.class)
	synchronized void start() {
		if (scanner != null) {
			return;
		}
		scanner = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "model-reload");
			thread.setDaemon(true);
			return thread;
		});
		long interval = properties.pollInterval().toNanos();
		scanner.scheduleWithFixedDelay(this::scan, interval, interval, TimeUnit.NANOSECONDS);
		if (properties.watchEvents()) {
			startWatching();
		}
		log.info("Watching model repository {} for changes: rescan every {} ms{}, a change loads after {} ms unchanged",
				folder.root(), properties.pollInterval().toMillis(),
				watchService != null ? " and on file system events" : "", properties.settle().toMillis());
	}

	@Override
	public synchronized void destroy() {
		if (scanner != null) {
			scanner.shutdownNow();
		}
		if (watchService != null) {
			try {
				watchService.close();
			}
			catch (IOException e) {
				// Shutting down anyway.
			}
		}
	}

	/**
	 * One pass: find changes, apply those whose files have been still long enough. Runs
	 * on the scanner thread only.
	 */
	private void scan() {
		try {
			long now = System.nanoTime();
			List<RepositoryChange> pending = planner.pendingChanges();
			Set<RepositoryKey> keys = new HashSet<>();
			for (RepositoryChange change : pending) {
				keys.add(change.key());
				Sighting seen = settling.get(change.key());
				if (seen == null || !seen.change().equals(change)) {
					// New, or its files moved on since the last look: the settle period
					// starts again.
					settling.put(change.key(), new Sighting(change, now));
					seen = settling.get(change.key());
				}
				if (now - seen.since() >= properties.settle().toNanos()) {
					settling.remove(change.key());
					lifecycle.apply(change);
				}
			}
			settling.keySet().retainAll(keys);
			if (watchService != null) {
				watchFolders();
			}
			if (!settling.isEmpty()) {
				// Look again when the waiting changes may have settled, not only at the
				// next rescan.
				queueScan(properties.settle());
			}
		}
		catch (RuntimeException e) {
			log.warn("Scanning the model repository {} failed; trying again at the next scan", folder.root(), e);
		}
	}

	private void queueScan(Duration delay) {
		if (scanQueued.compareAndSet(false, true)) {
			try {
				scanner.schedule(() -> {
					scanQueued.set(false);
					scan();
				}, delay.toNanos(), TimeUnit.NANOSECONDS);
			}
			catch (RejectedExecutionException e) {
				// Shutting down.
			}
		}
	}

	private void startWatching() {
		try {
			watchService = FileSystems.getDefault().newWatchService();
		}
		catch (IOException | UnsupportedOperationException e) {
			log.info("No file system events for {} ({}); relying on the rescan", folder.root(), e.getMessage());
			return;
		}
		scanner.execute(this::watchFolders);
		Thread events = new Thread(this::forwardEvents, "model-watch");
		events.setDaemon(true);
		events.start();
	}

	/**
	 * Any event anywhere in the repository just asks for a scan: the scan works out what
	 * changed.
	 */
	private void forwardEvents() {
		try {
			while (true) {
				WatchKey key = watchService.take();
				key.pollEvents();
				key.reset();
				queueScan(Duration.ZERO);
			}
		}
		catch (ClosedWatchServiceException | InterruptedException e) {
			// Shut down.
		}
	}

	/**
	 * Registers new folders (models and versions appear at run time) and drops gone ones.
	 */
	private void watchFolders() {
		Set<Path> folders = new HashSet<>(folder.folders());
		watched.entrySet().removeIf(entry -> {
			if (!folders.contains(entry.getKey()) || !entry.getValue().isValid()) {
				entry.getValue().cancel();
				return true;
			}
			return false;
		});
		for (Path dir : folders) {
			if (!watched.containsKey(dir)) {
				try {
					watched.put(dir, dir.register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
							StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY));
				}
				catch (IOException | ClosedWatchServiceException e) {
					// Gone again, or too many watches (inotify limit): the rescan still
					// covers it.
					log.debug("Cannot watch {}: {}", dir, e.toString());
				}
			}
		}
	}

	private record Sighting(RepositoryChange change, long since) {
	}

}
