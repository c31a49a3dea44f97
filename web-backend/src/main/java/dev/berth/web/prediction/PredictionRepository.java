package dev.berth.web.prediction;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

/**
 * Stored predictions. Paging, ordering and filters come from the {@code Pageable} and
 * {@link PredictionFilter} callers pass.
 */
public interface PredictionRepository extends JpaRepository<Prediction, Long>, JpaSpecificationExecutor<Prediction> {

}
