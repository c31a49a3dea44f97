package dev.berth.ml.management;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.berth.ml.repository.ModelState;
import dev.berth.ml.repository.RepositoryIndexEntry;

/**
 * A line of Triton's repository index: {@code state} is READY, LOADING or UNAVAILABLE,
 * and {@code version} and {@code reason} are left out when there is nothing to say.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record IndexEntry(String name, String version, String state, String reason) {

	static IndexEntry of(RepositoryIndexEntry entry) {
		String state = entry.state() == null ? "UNAVAILABLE" : switch (entry.state()) {
			case READY -> "READY";
			case LOADING -> "LOADING";
			case FAILED -> "UNAVAILABLE";
		};
		return new IndexEntry(entry.name(), entry.version(), state, entry.reason());
	}

	boolean isReady() {
		return ModelState.READY.name().equals(state);
	}
}
