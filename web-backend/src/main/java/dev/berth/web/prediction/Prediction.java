package dev.berth.web.prediction;

import java.time.Duration;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One image the model classified: its guess, how sure it was, and the label a person gave
 * it afterwards (if anyone did). Mapped to the {@code prediction} table of the db
 * module's migrations; Hibernate validates the mapping against it at start-up.
 */
@Entity
@Table(name = "prediction")
public class Prediction {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	@Column(name = "model_name", nullable = false, updatable = false, length = 100)
	private String modelName;

	@Column(name = "model_version", nullable = false, updatable = false, length = 50)
	private String modelVersion;

	@Column(name = "predicted_label", nullable = false, updatable = false)
	private int predictedLabel;

	@Column(name = "confidence", nullable = false, updatable = false)
	private double confidence;

	/**
	 * Every label's probability (index = label), so history can show the runner-up
	 * guesses too.
	 */
	@Convert(converter = ProbabilitiesConverter.class)
	@Column(name = "probabilities", nullable = false, updatable = false, length = 1000)
	private double[] probabilities;

	@Column(name = "corrected_label")
	private Integer correctedLabel;

	@Column(name = "corrected_at")
	private Instant correctedAt;

	@Column(name = "pixels", nullable = false, updatable = false, length = Pixels.COUNT)
	private byte[] pixels;

	@Enumerated(EnumType.STRING)
	@Column(name = "source", nullable = false, updatable = false, length = 10)
	private Source source;

	/** How long the model took, as this app measured the call; null for old rows. */
	@Column(name = "latency_micros", updatable = false)
	private Integer latencyMicros;

	protected Prediction() {
		// for JPA
	}

	/**
	 * @param probabilities one per label, summing to 1; the guess is the most probable
	 * label
	 * @param latency how long the model took to answer
	 */
	public Prediction(Instant createdAt, Source source, String modelName, String modelVersion, Pixels pixels,
			double[] probabilities, Duration latency) {
		this.createdAt = createdAt;
		this.source = source;
		this.latencyMicros = (int) Math.min(Integer.MAX_VALUE, latency.toNanos() / 1000);
		this.modelName = modelName;
		this.modelVersion = modelVersion;
		this.pixels = pixels.toBytes();
		this.probabilities = probabilities.clone();
		int best = 0;
		for (int label = 1; label < probabilities.length; label++) {
			if (probabilities[label] > probabilities[best]) {
				best = label;
			}
		}
		this.predictedLabel = best;
		this.confidence = probabilities[best];
	}

	/**
	 * Records the label a person gave the image, which may confirm or contradict the
	 * guess.
	 */
	public void correct(int label, Instant at) {
		if (!isLabel(label)) {
			throw new IllegalArgumentException("label " + label + " is not one of 0.." + (labelCount() - 1));
		}
		this.correctedLabel = label;
		this.correctedAt = at;
	}

	/** Whether {@code label} is one the model could have predicted. */
	public boolean isLabel(int label) {
		return label >= 0 && label < labelCount();
	}

	public int labelCount() {
		return probabilities.length;
	}

	public Long getId() {
		return id;
	}

	public Instant getCreatedAt() {
		return createdAt;
	}

	public String getModelName() {
		return modelName;
	}

	public String getModelVersion() {
		return modelVersion;
	}

	public int getPredictedLabel() {
		return predictedLabel;
	}

	public double getConfidence() {
		return confidence;
	}

	public double probability(int label) {
		return probabilities[label];
	}

	/** Every label's probability, index = label. */
	public double[] getProbabilities() {
		return probabilities.clone();
	}

	public Integer getCorrectedLabel() {
		return correctedLabel;
	}

	public Instant getCorrectedAt() {
		return correctedAt;
	}

	public Pixels getPixels() {
		return Pixels.fromBytes(pixels);
	}

	public Source getSource() {
		return source;
	}

	/** How long the model took; null for predictions made before this was recorded. */
	public Duration getLatency() {
		return latencyMicros == null ? null : Duration.ofNanos(latencyMicros * 1000L);
	}

}
