package dev.berth.testsupport;

import org.testcontainers.mariadb.MariaDBContainer;

/**
 * The databases the tests run on, configured as compose runs them.
 */
public final class TestDatabases {

	/**
	 * The image of {@code -Dmariadb.image} (set by the build from {@code MARIADB_IMAGE}).
	 */
	public static final String MARIADB_IMAGE = System.getProperty("mariadb.image", "mariadb:11.8");

	private TestDatabases() {
	}

	/**
	 * MariaDB with the server configuration that compose mounts (the db module's
	 * {@code conf.d}, on the class path as {@code berth-mariadb-conf.d}).
	 */
	public static MariaDBContainer mariadb() {
		return new MariaDBContainer(
				DockerEnvironment.get().requireImage(MARIADB_IMAGE, null).asCompatibleSubstituteFor("mariadb"))
			.withConfigurationOverride("berth-mariadb-conf.d");
	}

}
