/**
 * What a client gets when the gateway turns a request away or the service behind a route
 * cannot answer: a problem detail (RFC 9457) with a status that says whether to retry,
 * never the framework's 500 page.
 */
package dev.berth.gateway.problem;
