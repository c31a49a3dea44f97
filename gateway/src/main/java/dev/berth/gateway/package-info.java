/**
 * Berth's front door: the only service with a published port. Routes are configuration
 * ({@code application.yml}); features that need code live in their own packages.
 */
package dev.berth.gateway;
