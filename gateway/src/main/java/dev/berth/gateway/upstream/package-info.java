/**
 * Protects clients from upstreams that are down: one circuit breaker per upstream, so a
 * dead service costs a fast 503 instead of a connect attempt per request.
 */
package dev.berth.gateway.upstream;
