package dev.berth.web.inference;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/status}: whether classifying works right now. */
@RestController
class StatusController {

	/** UP: classify works; DOWN: it answers 503 until ml is back. */
	enum State {

		UP, DOWN

	}

	record Status(State inference, String detail) {
	}

	private final InferenceStatus inference;

	StatusController(InferenceStatus inference) {
		this.inference = inference;
	}

	@GetMapping("/api/status")
	Status status() {
		return inference.isAvailable() ? new Status(State.UP, "The model is ready.") : new Status(State.DOWN,
				"The model is unavailable right now: classifying is paused; history and stats still work.");
	}

}
