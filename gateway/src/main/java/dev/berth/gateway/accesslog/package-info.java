/** A structured access log: one line per request, never a key. */
package dev.berth.gateway.accesslog;
