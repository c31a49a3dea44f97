package dev.berth.web.prediction;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.berth.web.inference.Classification;
import dev.berth.web.inference.InferenceClient;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Classifying images, keeping the results, and recording what people say the digits
 * really are.
 */
@Service
public class PredictionService {

	/** Newest first; id breaks ties between predictions made in the same microsecond. */
	private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"));

	private final PredictionRepository predictions;

	private final InferenceClient inference;

	public PredictionService(PredictionRepository predictions, InferenceClient inference) {
		this.predictions = predictions;
		this.inference = inference;
	}

	/**
	 * Asks the model about the image and stores its answer. Not one transaction on
	 * purpose: no database connection is held while waiting for the model.
	 */
	public Prediction classify(Pixels pixels) {
		Classification result = inference.classify(pixels.toModelInput());
		return predictions
			.save(new Prediction(now(), result.modelName(), result.modelVersion(), pixels, result.probabilities()));
	}

	@Transactional(readOnly = true)
	public Page<Prediction> recent(int page, int size) {
		return predictions.findAll(PageRequest.of(page, size, NEWEST_FIRST));
	}

	@Transactional(readOnly = true)
	public Prediction get(long id) {
		return predictions.findById(id).orElseThrow(() -> new PredictionNotFoundException(id));
	}

	/**
	 * Records the true label; a later call replaces an earlier one (people change their
	 * minds).
	 */
	@Transactional
	public Prediction correct(long id, int label) {
		Prediction prediction = get(id);
		if (!prediction.isLabel(label)) {
			throw new InvalidLabelException(label, prediction.labelCount());
		}
		prediction.correct(label, now());
		return prediction;
	}

	/**
	 * Microseconds: what DATETIME(6) keeps, so the answer to a POST equals what a later
	 * GET shows.
	 */
	private Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

}
