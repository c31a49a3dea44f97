package dev.berth.ml.protocol;

import java.util.List;

import dev.berth.ml.repository.ModelRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Server metadata and health: {@code GET /v2}, {@code /v2/health/live},
 * {@code /v2/health/ready}.
 */
@RestController
@RequestMapping("/v2")
class ServerController {

	static final String SERVER_NAME = "berth-ml-service";

	private final ModelRegistry registry;

	private final ApplicationAvailability availability;

	private final String version;

	ServerController(ModelRegistry registry, ApplicationAvailability availability,
			ObjectProvider<BuildProperties> build) {
		this.registry = registry;
		this.availability = availability;
		BuildProperties properties = build.getIfAvailable();
		this.version = properties != null ? properties.getVersion() : "unknown";
	}

	@GetMapping
	ServerMetadataResponse metadata() {
		// No protocol extension (binary data, classification, model repository, ...) is
		// implemented yet.
		return new ServerMetadataResponse(SERVER_NAME, version, List.of());
	}

	/** 200 with an empty body while the process can serve requests at all. */
	@GetMapping("/health/live")
	ResponseEntity<?> live() {
		if (availability.getLivenessState() != LivenessState.CORRECT) {
			return unavailable("server is broken: " + availability.getLivenessState());
		}
		return ResponseEntity.ok().build();
	}

	/**
	 * 200 with an empty body once the models are loaded and warmed up; 503 before, saying
	 * why.
	 */
	@GetMapping("/health/ready")
	ResponseEntity<?> ready() {
		var modelsUnready = registry.unreadyReason();
		if (modelsUnready.isPresent()) {
			return unavailable(modelsUnready.get());
		}
		if (availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC) {
			return unavailable("server is not accepting traffic");
		}
		return ResponseEntity.ok().build();
	}

	private static ResponseEntity<ErrorResponse> unavailable(String reason) {
		// Models take seconds to load: as for a model that is not ready, no sooner than
		// this.
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "5")
			.body(new ErrorResponse(reason));
	}

}
