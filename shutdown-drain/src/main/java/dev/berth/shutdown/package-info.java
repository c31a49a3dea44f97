/**
 * Leaving without failing a request: on the stop signal a replica first drains (keeps
 * answering, closing every connection after its answer) and only then shuts down
 * gracefully, so that callers move to the other replicas as it goes. Auto-configured in
 * every servlet web application that has this module
 * ({@link ShutdownDrainAutoConfiguration}): web-backend and ml-service.
 */
package dev.berth.shutdown;
