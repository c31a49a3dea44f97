/**
 * Who a request comes from (address, API key) and whether it may use a route: the
 * inference API needs a key; the browser app's paths do not.
 */
package dev.berth.gateway.access;
