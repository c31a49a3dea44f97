/**
 * The one-shot {@code db-migrate} app: applies the Flyway migrations in
 * {@code classpath:db/migration} to the database named by {@code SPRING_DATASOURCE_*} and
 * exits; with the argument {@code copy}, runs {@link dev.berth.db.copy the copy} into
 * that database instead.
 */
package dev.berth.db.migrate;
