/**
 * The database schema web runs on: the version of the db module's migrations that its
 * entities are written for ({@code berth.schema.required-version}), and a wait at startup
 * until db-migrate has applied it, for orchestrators that start web alongside db-migrate
 * rather than after it.
 */
package dev.berth.web.schema;
