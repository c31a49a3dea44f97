package dev.berth.db.copy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Runs the copy once at start-up and sets the app's exit status: 0 when every table's
 * rows and checksum match and the target is committed, 1 otherwise. An operator's mistake
 * (no source, unreachable database, refused copy) is one line in the log, not a stack
 * trace.
 */
class CopyRunner implements ApplicationRunner, ExitCodeGenerator {

	private static final Logger log = LoggerFactory.getLogger(CopyRunner.class);

	private final DataSource target;

	private final CopyProperties properties;

	private final String historyTable;

	private int exitCode = 1;

	CopyRunner(DataSource target, CopyProperties properties, String historyTable) {
		this.target = target;
		this.properties = properties;
		this.historyTable = historyTable;
	}

	@Override
	public void run(ApplicationArguments args) {
		CopyProperties.Source from = this.properties.source();
		if (from.url() == null || from.url().isBlank()) {
			log.error("Copy refused: no source database; set BERTH_DB_COPY_SOURCE_URL (and _USERNAME, _PASSWORD)"
					+ " to the database to copy from");
			return;
		}
		if (this.properties.batchSize() < 1) {
			log.error("Copy refused: berth.db.copy.batch-size must be at least 1, not {}", this.properties.batchSize());
			return;
		}
		try (Connection sourceConnection = connect("source", sourceDataSource(from));
				Connection targetConnection = connect("target", this.target);
				Database source = Database.source(sourceConnection);
				Database target = Database.target(targetConnection)) {
			List<DatabaseCopy.Result> results = new DatabaseCopy(source, target, this.historyTable,
					this.properties.batchSize())
				.run();
			this.exitCode = results.stream().allMatch(DatabaseCopy.Result::matches) ? 0 : 1;
		}
		catch (CopyRefusedException ex) {
			log.error("Copy refused, nothing was written: {}", ex.getMessage());
		}
		catch (SQLException ex) {
			log.error("Copy failed, nothing was committed to the target: {}", ex.getMessage());
		}
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

	private static DataSource sourceDataSource(CopyProperties.Source from) {
		try {
			return DataSourceBuilder.create()
				.type(SimpleDriverDataSource.class)
				.url(from.url())
				.username(from.username())
				.password(from.password())
				.build();
		}
		catch (RuntimeException ex) {
			// No driver for the URL: this image carries MariaDB's, MySQL's and
			// PostgreSQL's.
			throw new CopyRefusedException("no database driver for the source URL " + from.url()
					+ ": use a jdbc:mariadb:, jdbc:mysql: or jdbc:postgresql: URL");
		}
	}

	private static Connection connect(String role, DataSource dataSource) {
		try {
			return dataSource.getConnection();
		}
		catch (SQLException ex) {
			throw new CopyRefusedException("cannot connect to the " + role + " database: " + ex.getMessage());
		}
	}

}
