/**
 * How the gateway's log lines look: text, or structured JSON when asked for.
 */
package dev.berth.gateway.logging;
