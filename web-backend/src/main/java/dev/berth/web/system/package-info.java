/**
 * Cross-cutting web concerns: every error leaves the app as an RFC 9457 problem detail
 * with a message a person can act on, never a stack trace; every request carries one
 * {@link dev.berth.web.system.RequestId} through the logs and on to ml.
 */
package dev.berth.web.system;
