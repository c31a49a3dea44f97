package dev.berth.ml.management;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.berth.ml.repository.ModelLifecycle;
import dev.berth.ml.repository.RepositoryIndex;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Triton's model repository extension. Loading and unloading act at once (no settle
 * period: the operator says the files are complete) and take the same path as hot reload:
 * new files load beside the served ones and are swapped in warmed up; requests running on
 * an unloaded version finish first.
 */
@RestController
@RequestMapping(RepositoryController.PATH)
@ConditionalOnBooleanProperty("berth.ml.management.enabled")
class RepositoryController {

	static final String PATH = "/v2/repository";

	private final RepositoryIndex index;

	private final ModelLifecycle lifecycle;

	RepositoryController(RepositoryIndex index, ModelLifecycle lifecycle) {
		this.index = index;
		this.lifecycle = lifecycle;
	}

	/**
	 * Every model and version with its state; Triton's POST form may ask {@code {"ready":
	 * true}} for ready ones only.
	 */
	@GetMapping("/index")
	List<IndexEntry> index() {
		return index.entries().stream().map(IndexEntry::of).toList();
	}

	@PostMapping("/index")
	List<IndexEntry> index(@RequestBody(required = false) Map<String, Object> options) {
		boolean readyOnly = options != null && Boolean.TRUE.equals(options.get("ready"));
		return index().stream().filter(entry -> !readyOnly || entry.isReady()).toList();
	}

	/**
	 * Loads the model from its folder now, or reloads it from its current files; 200 with
	 * its index lines when every version is ready, 400 saying what failed otherwise
	 * (versions that served before keep serving unless their new files loaded).
	 */
	@PostMapping("/models/{model}/load")
	ResponseEntity<?> load(@PathVariable String model) {
		lifecycle.loadModel(model);
		List<IndexEntry> entries = index.entries(model).stream().map(IndexEntry::of).toList();
		List<IndexEntry> troubled = entries.stream()
			.filter(entry -> !entry.isReady() || entry.reason() != null)
			.toList();
		if (troubled.isEmpty()) {
			return ResponseEntity.ok(entries);
		}
		String why = troubled.stream()
			.map(entry -> (entry.version() == null ? "" : "version " + entry.version() + ": ") + entry.reason())
			.collect(Collectors.joining("; "));
		throw new LoadFailedException("failed to load model '%s': %s".formatted(model, why));
	}

	/**
	 * Stops serving the model until it is loaded again; it stays in the index as
	 * UNAVAILABLE.
	 */
	@PostMapping("/models/{model}/unload")
	List<IndexEntry> unload(@PathVariable String model) {
		lifecycle.unloadModel(model);
		return index.entries(model).stream().map(IndexEntry::of).toList();
	}

	/**
	 * A load that left the model, or one of its versions, unable to serve its files (HTTP
	 * 400, as in Triton).
	 */
	static final class LoadFailedException extends RuntimeException {

		LoadFailedException(String message) {
			super(message);
		}

	}

}
