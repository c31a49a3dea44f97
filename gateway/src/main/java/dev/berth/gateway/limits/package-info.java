/**
 * How large a request may be, per route: a limit the gateway enforces before the service
 * behind it has to.
 */
package dev.berth.gateway.limits;
