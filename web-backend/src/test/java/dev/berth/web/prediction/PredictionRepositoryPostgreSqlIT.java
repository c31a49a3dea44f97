package dev.berth.web.prediction;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "berth.test.database=POSTGRESQL")
class PredictionRepositoryPostgreSqlIT extends PredictionRepositoryContract {

}
