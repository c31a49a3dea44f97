/** Cross-origin requests: closed unless an origin is configured. */
package dev.berth.gateway.cors;
