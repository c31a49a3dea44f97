package dev.berth.web.prediction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import dev.berth.web.prediction.PredictionService.Picture;
import dev.berth.web.prediction.PredictionService.PictureOutcome;
import dev.berth.web.system.UploadRejectedException;

import org.springframework.data.web.PagedModel;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The prediction API: classify pixels or pictures, list with filters, show, the picture,
 * correct.
 */
@RestController
@RequestMapping("/api/predictions")
class PredictionController {

	static final int MAX_PAGE_SIZE = 100;

	/** Pictures per upload; more belong in a batch job. */
	static final int MAX_PICTURES = 20;

	/** Bytes per picture. */
	static final long MAX_PICTURE_BYTES = 5L << 20;

	private final PredictionService predictions;

	PredictionController(PredictionService predictions) {
		this.predictions = predictions;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	ResponseEntity<PredictionResponse> classify(@Valid @RequestBody ClassifyRequest request, UriComponentsBuilder uri) {
		Prediction prediction = predictions.classify(request.checkedPixels(), Source.API);
		URI location = uri.path("/api/predictions/{id}").buildAndExpand(prediction.getId()).toUri();
		return ResponseEntity.created(location).body(PredictionResponse.of(prediction));
	}

	/** The results of an upload, one per file in the order they were sent. */
	record PictureResults(List<PictureResult> results) {
	}

	/** A file's prediction, or why it has none. */
	record PictureResult(String fileName, PredictionResponse prediction, @Schema(types = {
			"string", "null" }) String error){
	}

	/**
	 * Pictures (PNG, JPEG) drawn in the browser or uploaded, classified with one model
	 * call. A file that is no usable picture gets its reason; when none is, the answer is
	 * 400.
	 */
	@PostMapping(path = "/images", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	ResponseEntity<PictureResults> classifyPictures(@RequestPart("files") List<MultipartFile> files,
			@RequestParam(defaultValue = "UPLOADED") Source source) {
		if (source != Source.DRAWN && source != Source.UPLOADED) {
			throw UploadRejectedException.invalid("source must be DRAWN or UPLOADED, not " + source);
		}
		if (files.isEmpty() || files.size() > MAX_PICTURES) {
			throw UploadRejectedException
				.invalid("send 1 to %d pictures as 'files' parts, not %d; more belong in a batch job"
					.formatted(MAX_PICTURES, files.size()));
		}
		List<Picture> pictures = new ArrayList<>(files.size());
		for (MultipartFile file : files) {
			if (file.getSize() > MAX_PICTURE_BYTES) {
				throw UploadRejectedException.tooLarge("'%s' has %d bytes; a picture may have at most %d"
					.formatted(file.getOriginalFilename(), file.getSize(), MAX_PICTURE_BYTES));
			}
			pictures.add(new Picture(file.getOriginalFilename(), bytes(file)));
		}
		List<PictureOutcome> outcomes = predictions.classifyPictures(pictures, source);
		if (outcomes.stream().allMatch(o -> o.prediction() == null)) {
			throw UploadRejectedException.invalid((outcomes.size() == 1 ? "" : "no file is a usable picture; ")
					+ "'%s': %s".formatted(outcomes.get(0).name(), outcomes.get(0).error()));
		}
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(new PictureResults(outcomes.stream()
				.map(o -> new PictureResult(o.name(),
						o.prediction() == null ? null : PredictionResponse.of(o.prediction()), o.error()))
				.toList()));
	}

	@GetMapping
	PagedModel<PredictionResponse> find(@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(MAX_PAGE_SIZE) int size,
			@RequestParam(required = false) @Min(0) @Max(9) Integer label,
			@RequestParam(required = false) Boolean corrected,
			@RequestParam(required = false) PredictionFilter.Outcome outcome,
			@RequestParam(required = false) String modelVersion,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		PredictionFilter filter = new PredictionFilter(label, corrected, outcome, modelVersion, from, to);
		return new PagedModel<>(predictions.find(filter, page, size).map(PredictionResponse::of));
	}

	@GetMapping("/{id}")
	PredictionResponse get(@PathVariable long id) {
		return PredictionResponse.of(predictions.get(id));
	}

	/** The picture the model saw; it never changes, so browsers may keep it. */
	@GetMapping(path = "/{id}/image.png", produces = MediaType.IMAGE_PNG_VALUE)
	ResponseEntity<byte[]> image(@PathVariable long id) {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePrivate().immutable())
			.body(predictions.get(id).getPixels().toPng());
	}

	@PatchMapping("/{id}")
	PredictionResponse correct(@PathVariable long id, @Valid @RequestBody CorrectionRequest request) {
		return PredictionResponse.of(predictions.correct(id, request.correctedLabel()));
	}

	private static byte[] bytes(MultipartFile file) {
		try {
			return file.getBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
