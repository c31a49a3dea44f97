package dev.berth.testsupport;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The database engines Berth's schema runs on, as the tests start them: the image named
 * by the variable compose reads ({@code MARIADB_IMAGE}, {@code POSTGRES_IMAGE},
 * {@code MYSQL_IMAGE}; or the system property {@code mariadb.image} and so on), else the
 * official one, configured as compose runs it.
 */
public enum TestDatabase {

	/** The default engine, with the server configuration compose mounts (db/conf.d). */
	MARIADB("mariadb", "mariadb:11.8",
			image -> new MariaDBContainer(image).withConfigurationOverride("berth-mariadb-conf.d")),

	POSTGRESQL("postgres", "postgres:17", PostgreSQLContainer::new),

	/**
	 * MySQL has no Debian package and no stand-in: its tests run where its image can be
	 * had, and are skipped, saying so, elsewhere.
	 */
	MYSQL("mysql", "mysql:8.4", MySQLContainer::new);

	private final String imageVariable;

	private final String imageProperty;

	private final String officialImage;

	private final Function<DockerImageName, JdbcDatabaseContainer<?>> container;

	TestDatabase(String name, String officialImage, Function<DockerImageName, JdbcDatabaseContainer<?>> container) {
		this.imageVariable = name.toUpperCase() + "_IMAGE";
		this.imageProperty = name + ".image";
		this.officialImage = officialImage;
		this.container = container;
	}

	public String image() {
		String variable = System.getenv(this.imageVariable);
		return System.getProperty(this.imageProperty,
				(variable != null && !variable.isBlank()) ? variable : this.officialImage);
	}

	/**
	 * For {@code @EnabledIf("dev.berth.testsupport.TestDatabase#mysqlAvailable")}: the
	 * MySQL image is here or can be pulled.
	 */
	public static boolean mysqlAvailable() {
		try {
			DockerEnvironment.get().requireImage(MYSQL.image(), null);
			return true;
		}
		catch (IllegalStateException ex) {
			announceMysqlSkipped();
			return false;
		}
	}

	private static final String MYSQL_SKIPPED = "MySQL tests skipped: no image %s here (no MySQL server can be"
			+ " built from Debian packages); set MYSQL_IMAGE to a MySQL 8.4 image to run them";

	private static final AtomicBoolean mysqlSkipAnnounced = new AtomicBoolean();

	private static String announceMysqlSkipped() {
		String message = MYSQL_SKIPPED.formatted(MYSQL.image());
		if (mysqlSkipAnnounced.compareAndSet(false, true)) {
			System.err.println("[berth] " + message);
		}
		return message;
	}

	/**
	 * A new container for this engine (not started). Fails at once when the image can be
	 * neither found nor pulled; for MySQL, the test is skipped instead.
	 */
	public JdbcDatabaseContainer<?> container() {
		DockerImageName name;
		try {
			name = DockerEnvironment.get().requireImage(image(), null);
		}
		catch (IllegalStateException ex) {
			if (this != MYSQL) {
				throw ex;
			}
			return Assumptions.abort(announceMysqlSkipped());
		}
		return this.container
			.apply(name.asCompatibleSubstituteFor(DockerImageName.parse(this.officialImage).getUnversionedPart()));
	}

}
