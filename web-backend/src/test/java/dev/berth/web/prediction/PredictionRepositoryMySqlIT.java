package dev.berth.web.prediction;

import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "berth.test.database=MYSQL")
@EnabledIf(value = "dev.berth.testsupport.TestDatabase#mysqlAvailable",
		disabledReason = "no MySQL image here (no Debian package): set MYSQL_IMAGE to a MySQL 8.4 image")
class PredictionRepositoryMySqlIT extends PredictionRepositoryContract {

}
