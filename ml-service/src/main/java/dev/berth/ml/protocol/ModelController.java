package dev.berth.ml.protocol;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import dev.berth.ml.inference.ModelSignature;
import dev.berth.ml.repository.ModelNotReadyException;
import dev.berth.ml.repository.ModelRegistry;
import dev.berth.ml.repository.ModelVersion;
import dev.berth.ml.repository.ServedModel;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Per-model endpoints, each with and without {@code /versions/{version}}: metadata,
 * readiness and inference. Without a version, the highest ready version serves.
 */
@RestController
@RequestMapping("/v2/models/{model}")
class ModelController {

	private final ModelRegistry registry;

	private final InferenceService inference;

	ModelController(ModelRegistry registry, InferenceService inference) {
		this.registry = registry;
		this.inference = inference;
	}

	@GetMapping({ "", "/versions/{version}" })
	ModelMetadataResponse metadata(@PathVariable String model, @PathVariable(required = false) String version) {
		ServedModel served = registry.model(model);
		List<String> versions = version == null ? served.versions().stream().map(ModelVersion::version).toList()
				: List.of(registry.version(served, version).version());
		ModelSignature signature = served.signature();
		if (signature == null) {
			throw new ModelNotReadyException("model '%s' is not ready: %s".formatted(model, served.configError()));
		}
		return new ModelMetadataResponse(served.name(), versions, served.platform(),
				signature.inputs().stream().map(MetadataTensor::of).toList(),
				signature.outputs().stream().map(MetadataTensor::of).toList());
	}

	/**
	 * 200 with an empty body when the version (or, without one, any version) can serve;
	 * 503 saying why otherwise.
	 */
	@GetMapping({ "/ready", "/versions/{version}/ready" })
	ResponseEntity<Void> ready(@PathVariable String model, @PathVariable(required = false) String version) {
		registry.readyVersion(model, version);
		return ResponseEntity.ok().build();
	}

	// Not form-encoded: Spring would rebuild such a body from form fields, which the
	// servlet
	// container refuses to parse past 2 MB; any other type reaches the converter (415 or
	// parsed).
	@PostMapping(path = { "/infer", "/versions/{version}/infer" },
			consumes = "!" + MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	InferenceResponse infer(@PathVariable String model, @PathVariable(required = false) String version,
			@RequestBody InferenceRequest request, HttpServletRequest http) {
		InferenceResponse response = inference.infer(model, version, request);
		http.setAttribute(InferenceMetricsFilter.SERVED_VERSION, response.modelVersion());
		return response;
	}

}
