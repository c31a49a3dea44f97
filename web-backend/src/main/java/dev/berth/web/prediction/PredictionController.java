package dev.berth.web.prediction;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.data.web.PagedModel;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** The prediction API the browser app uses: classify, list, show, correct. */
@RestController
@RequestMapping("/api/predictions")
class PredictionController {

	static final int MAX_PAGE_SIZE = 100;

	private final PredictionService predictions;

	PredictionController(PredictionService predictions) {
		this.predictions = predictions;
	}

	@PostMapping
	ResponseEntity<PredictionResponse> classify(@Valid @RequestBody ClassifyRequest request, UriComponentsBuilder uri) {
		Prediction prediction = predictions.classify(Pixels.of(request.pixels()));
		URI location = uri.path("/api/predictions/{id}").buildAndExpand(prediction.getId()).toUri();
		return ResponseEntity.created(location).body(PredictionResponse.of(prediction));
	}

	@GetMapping
	PagedModel<PredictionResponse> recent(@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(MAX_PAGE_SIZE) int size) {
		return new PagedModel<>(predictions.recent(page, size).map(PredictionResponse::of));
	}

	@GetMapping("/{id}")
	PredictionResponse get(@PathVariable long id) {
		return PredictionResponse.of(predictions.get(id));
	}

	@PatchMapping("/{id}")
	PredictionResponse correct(@PathVariable long id, @Valid @RequestBody CorrectionRequest request) {
		return PredictionResponse.of(predictions.correct(id, request.correctedLabel()));
	}

}
