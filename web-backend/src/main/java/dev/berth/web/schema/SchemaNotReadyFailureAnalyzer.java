package dev.berth.web.schema;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a schema that never arrived as what to do, instead of a stack trace through the
 * entity manager factory's creation.
 */
class SchemaNotReadyFailureAnalyzer extends AbstractFailureAnalyzer<SchemaNotReadyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SchemaNotReadyException cause) {
		return new FailureAnalysis(cause.getMessage() + ".",
				"Run db-migrate against this database (compose does before it starts web). If it ran, look in its"
						+ " log for a failed migration, and check that web and db-migrate use the same"
						+ " spring.datasource.url. To wait longer, raise berth.schema.wait-timeout.",
				cause);
	}

}
