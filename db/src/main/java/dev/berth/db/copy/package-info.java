/**
 * db-migrate's copy mode ({@code java -jar app.jar copy}): copies every row of the schema
 * from one database to another that db-migrate has migrated to the same schema version,
 * on any of MariaDB, MySQL and PostgreSQL, and proves per table by row counts and
 * checksums that nothing was lost. Used to move a stack's data to another engine.
 */
package dev.berth.db.copy;
