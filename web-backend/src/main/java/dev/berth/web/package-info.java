/**
 * Berth's web app, packaged by feature: {@code prediction} (the digit API and its table),
 * {@code inference} (the client of the ml service), {@code job} (batch jobs of many
 * pictures, classified in the background), {@code system} (errors, request ids and other
 * cross-cutting web concerns), {@code schema} (the database schema version web needs, and
 * the wait for it at startup).
 */
package dev.berth.web;
