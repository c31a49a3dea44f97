package dev.berth.web.prediction;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Stored predictions. Paging and ordering come from the {@code Pageable} callers pass.
 */
public interface PredictionRepository extends JpaRepository<Prediction, Long> {

}
