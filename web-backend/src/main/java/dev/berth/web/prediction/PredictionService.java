package dev.berth.web.prediction;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import dev.berth.web.inference.Classification;
import dev.berth.web.inference.InferenceClient;
import dev.berth.web.system.UploadRejectedException;

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

	private final PictureReader pictures;

	public PredictionService(PredictionRepository predictions, InferenceClient inference, PictureReader pictures) {
		this.predictions = predictions;
		this.inference = inference;
		this.pictures = pictures;
	}

	/**
	 * Asks the model about the image and stores its answer. Not one transaction on
	 * purpose: no database connection is held while waiting for the model.
	 */
	public Prediction classify(Pixels pixels, Source source) {
		return predictions.save(predict(List.of(pixels), source).get(0));
	}

	/**
	 * Asks the model about images in one call and makes a prediction of each answer, not
	 * stored yet: the callers store them their own way (JPA here, JDBC batches for jobs).
	 * Each carries the call's time as its latency.
	 */
	public List<Prediction> predict(List<Pixels> images, Source source) {
		long start = System.nanoTime();
		List<Classification> results = inference.classifyAll(images.stream().map(Pixels::toModelInput).toList());
		Duration latency = Duration.ofNanos(System.nanoTime() - start);
		Instant now = now();
		List<Prediction> made = new ArrayList<>(images.size());
		for (int i = 0; i < images.size(); i++) {
			Classification result = results.get(i);
			made.add(new Prediction(now, source, result.modelName(), result.modelVersion(), images.get(i),
					result.probabilities(), latency));
		}
		return made;
	}

	/** A picture as it was sent, e.g. one part of a multipart upload. */
	public record Picture(String name, byte[] bytes) {
	}

	/** What became of one picture: a prediction, or why there is none. */
	public record PictureOutcome(String name, Prediction prediction, String error) {
	}

	/**
	 * Classifies pictures with one model call for all that can be read; a picture that
	 * cannot be read gets its reason and does not stop the others.
	 * @throws UploadRejectedException (503) when the server was too busy to read them
	 */
	public List<PictureOutcome> classifyPictures(List<Picture> sent, Source source) {
		List<Pixels> readable = new ArrayList<>();
		List<String> errors = new ArrayList<>();
		for (Picture picture : sent) {
			try {
				readable.add(pictures.read(picture.bytes()));
				errors.add(null);
			}
			catch (UnusablePictureException ex) {
				errors.add(ex.getMessage());
			}
		}
		List<Prediction> saved = predictions.saveAll(predict(readable, source));
		List<PictureOutcome> outcomes = new ArrayList<>(sent.size());
		int next = 0;
		for (int i = 0; i < sent.size(); i++) {
			String error = errors.get(i);
			outcomes.add(error == null ? new PictureOutcome(sent.get(i).name(), saved.get(next++), null)
					: new PictureOutcome(sent.get(i).name(), null, error));
		}
		return outcomes;
	}

	@Transactional(readOnly = true)
	public Page<Prediction> find(PredictionFilter filter, int page, int size) {
		return predictions.findAll(filter.toSpecification(), PageRequest.of(page, size, NEWEST_FIRST));
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
