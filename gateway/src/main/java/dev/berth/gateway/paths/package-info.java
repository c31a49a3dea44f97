/**
 * Paths are canonical before routing, so no spelling of a path reaches a service
 * differently from the one the routes saw.
 */
package dev.berth.gateway.paths;
