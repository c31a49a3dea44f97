package dev.berth.web.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import dev.berth.web.prediction.Prediction;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/** Aggregates over predictions; every method is one GROUP BY query. */
interface StatsRepository extends Repository<Prediction, Long> {

	/** Counts for one model version. */
	record ModelCounts(String modelName, String modelVersion, long predictions, long labelled, long correct) {
	}

	/** How often people gave {@code actual} where the model guessed {@code predicted}. */
	record ConfusionCount(int actual, int predicted, long count) {
	}

	/** Counts for one day (UTC). */
	record DayCounts(LocalDate day, long predictions, long labelled, long correct) {
	}

	@Query("""
			select new dev.berth.web.stats.StatsRepository$ModelCounts(p.modelName, p.modelVersion, count(p),
				count(p.correctedLabel), sum(case when p.correctedLabel = p.predictedLabel then 1 else 0 end))
			from Prediction p
			group by p.modelName, p.modelVersion
			order by p.modelName, p.modelVersion""")
	List<ModelCounts> countByModel();

	@Query("""
			select new dev.berth.web.stats.StatsRepository$ConfusionCount(p.correctedLabel, p.predictedLabel, count(p))
			from Prediction p
			where p.correctedLabel is not null
			group by p.correctedLabel, p.predictedLabel""")
	List<ConfusionCount> confusion();

	@Query("""
			select new dev.berth.web.stats.StatsRepository$DayCounts(cast(p.createdAt as LocalDate), count(p),
				count(p.correctedLabel), sum(case when p.correctedLabel = p.predictedLabel then 1 else 0 end))
			from Prediction p
			where p.createdAt >= :since
			group by cast(p.createdAt as LocalDate)
			order by cast(p.createdAt as LocalDate)""")
	List<DayCounts> countByDay(@Param("since") Instant since);

}
