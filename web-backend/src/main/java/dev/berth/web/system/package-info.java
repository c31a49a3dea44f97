/**
 * Cross-cutting web concerns: every error leaves the app as an RFC 9457 problem detail
 * with a message a person can act on, never a stack trace.
 */
package dev.berth.web.system;
