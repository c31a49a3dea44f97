package dev.berth.ml.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

import org.springframework.stereotype.Component;

/**
 * Every model and version with its state, as the management API lists them: the served
 * models, each version with the reason it cannot serve or why newer files were not taken,
 * and the models unloaded through the management API.
 */
@Component
public class RepositoryIndex {

	private final ModelRegistry registry;

	private final ReloadPlanner planner;

	RepositoryIndex(ModelRegistry registry, ReloadPlanner planner) {
		this.registry = registry;
		this.planner = planner;
	}

	/** Every line of the index, by model name and version. */
	public List<RepositoryIndexEntry> entries() {
		SortedSet<String> names = new TreeSet<>(planner.unloadedModels());
		registry.models().forEach(model -> names.add(model.name()));
		List<RepositoryIndexEntry> entries = new ArrayList<>();
		for (String name : names) {
			Optional<ServedModel> found = registry.find(name);
			if (found.isEmpty()) {
				entries.add(new RepositoryIndexEntry(name, null, null, "unloaded"));
				continue;
			}
			ServedModel model = found.get();
			if (model.versions().isEmpty()) {
				entries.add(new RepositoryIndexEntry(name, null, ModelState.FAILED, model.unavailableReason()));
			}
			for (ModelVersion version : model.versions()) {
				String reason = Optional.ofNullable(version.reason())
					.or(() -> planner.refusal(new VersionKey(name, version.version())))
					.or(() -> planner.refusal(new ModelKey(name)))
					.orElse(null);
				entries.add(new RepositoryIndexEntry(name, version.version(), version.state(), reason));
			}
		}
		return entries;
	}

	/** The lines of one model. */
	public List<RepositoryIndexEntry> entries(String model) {
		return entries().stream().filter(entry -> entry.name().equals(model)).toList();
	}

}
