/**
 * The one-shot {@code db-migrate} app: applies the Flyway migrations in
 * {@code classpath:db/migration} to the database named by {@code SPRING_DATASOURCE_*} and
 * exits.
 */
package dev.berth.db.migrate;
