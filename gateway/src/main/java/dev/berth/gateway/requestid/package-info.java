/**
 * Request ids: every request leaves the gateway with an {@code X-Request-Id} that the
 * upstream services log and the client sees, so one id follows a request through all
 * logs.
 */
package dev.berth.gateway.requestid;
