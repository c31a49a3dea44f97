/**
 * How fast each client may send requests: a token bucket per API key or address, in each
 * gateway replica's memory.
 */
package dev.berth.gateway.ratelimit;
