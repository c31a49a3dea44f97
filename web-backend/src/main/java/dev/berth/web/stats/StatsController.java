package dev.berth.web.stats;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import dev.berth.web.stats.StatsRepository.ConfusionCount;
import dev.berth.web.stats.StatsRepository.DayCounts;
import dev.berth.web.stats.StatsRepository.ModelCounts;

import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/stats}: how well the models do, by the labels people gave. */
@RestController
class StatsController {

	/** Days the activity chart covers, today included. */
	static final int DAYS = 30;

	/** Labels the confusion matrix has at least (the demo's digits). */
	static final int LABELS = 10;

	private final StatsRepository stats;

	StatsController(StatsRepository stats) {
		this.stats = stats;
	}

	/**
	 * @param accuracy correct / labelled; null while nobody has labelled a prediction of
	 * this version
	 */
	record ModelStats(String modelName, String modelVersion, long predictions, long labelled, long correct,
			@Schema(types = {
					"number", "null" }) Double accuracy){

		static ModelStats of(ModelCounts c) {
			return new ModelStats(c.modelName(), c.modelVersion(), c.predictions(), c.labelled(), c.correct(),
					c.labelled() == 0 ? null : (double) c.correct() / c.labelled());
		}
	}

	/**
	 * @param confusion rows: the label people gave; columns: the model's guess
	 * @param perDay days with any prediction in the last {@value #DAYS}, oldest first
	 */
	record Stats(long total, long labelled, long correct, List<ModelStats> models, long[][] confusion,
			List<DayCounts> perDay, List<String> modelVersions) {
	}

	@GetMapping("/api/stats")
	@Transactional(readOnly = true)
	Stats stats() {
		List<ModelStats> models = stats.countByModel().stream().map(ModelStats::of).toList();
		List<ConfusionCount> cells = stats.confusion();
		int size = Math.max(LABELS,
				cells.stream().mapToInt(c -> Math.max(c.actual(), c.predicted()) + 1).max().orElse(0));
		long[][] confusion = new long[size][size];
		cells.forEach(c -> confusion[c.actual()][c.predicted()] = c.count());
		LocalDate firstDay = LocalDate.now(ZoneOffset.UTC).minusDays(DAYS - 1);
		List<DayCounts> perDay = stats.countByDay(firstDay.atStartOfDay(ZoneOffset.UTC).toInstant());
		return new Stats(models.stream().mapToLong(ModelStats::predictions).sum(),
				models.stream().mapToLong(ModelStats::labelled).sum(),
				models.stream().mapToLong(ModelStats::correct).sum(), models, confusion, perDay,
				models.stream().map(ModelStats::modelVersion).distinct().sorted().toList());
	}

}
