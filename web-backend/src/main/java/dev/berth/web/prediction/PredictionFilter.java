package dev.berth.web.prediction;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.criteria.Predicate;

import org.springframework.data.jpa.domain.Specification;

/**
 * What the history shows; every part is optional and they combine with AND.
 *
 * @param label the predicted label
 * @param corrected true: a person gave a label; false: nobody has yet
 * @param outcome only labelled predictions whose guess was right, or wrong
 * @param modelVersion the model version that made the guess
 * @param from the first day (UTC), inclusive
 * @param to the last day (UTC), inclusive
 */
public record PredictionFilter(Integer label, Boolean corrected, Outcome outcome, String modelVersion, LocalDate from,
		LocalDate to) {

	/** Whether the model's guess matched the label a person gave. */
	public enum Outcome {

		RIGHT, WRONG

	}

	public static PredictionFilter none() {
		return new PredictionFilter(null, null, null, null, null, null);
	}

	Specification<Prediction> toSpecification() {
		return (root, query, cb) -> {
			List<Predicate> where = new ArrayList<>();
			if (label != null) {
				where.add(cb.equal(root.get("predictedLabel"), label));
			}
			if (corrected != null) {
				where.add(corrected ? cb.isNotNull(root.get("correctedLabel")) : cb.isNull(root.get("correctedLabel")));
			}
			if (outcome == Outcome.RIGHT) {
				where.add(cb.equal(root.get("correctedLabel"), root.get("predictedLabel")));
			}
			else if (outcome == Outcome.WRONG) {
				where.add(cb.notEqual(root.get("correctedLabel"), root.get("predictedLabel")));
			}
			if (modelVersion != null && !modelVersion.isBlank()) {
				where.add(cb.equal(root.get("modelVersion"), modelVersion));
			}
			if (from != null) {
				where.add(cb.greaterThanOrEqualTo(root.get("createdAt"), startOf(from)));
			}
			if (to != null) {
				where.add(cb.lessThan(root.get("createdAt"), startOf(to.plusDays(1))));
			}
			return cb.and(where.toArray(Predicate[]::new));
		};
	}

	private static Instant startOf(LocalDate day) {
		return day.atStartOfDay(ZoneOffset.UTC).toInstant();
	}

}
