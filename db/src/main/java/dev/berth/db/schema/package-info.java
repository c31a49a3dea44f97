/**
 * The schema's migrations and where Flyway finds them for the database at hand: any
 * Spring Boot app with this module and Flyway on its class path (db-migrate, and the web
 * app's tests) migrates MariaDB, MySQL and PostgreSQL alike.
 */
package dev.berth.db.schema;
