package dev.berth.web.job;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "berth.test.database=POSTGRESQL")
class BatchJobWorkersPostgreSqlIT extends BatchJobWorkersContract {

}
