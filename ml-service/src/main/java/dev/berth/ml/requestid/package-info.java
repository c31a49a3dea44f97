/**
 * Request ids: the {@code X-Request-Id} that the gateway gives every request (and the web
 * app passes on) names each log line written for the request and comes back in the
 * answer, so one id follows a request through the logs of every service.
 */
package dev.berth.ml.requestid;
