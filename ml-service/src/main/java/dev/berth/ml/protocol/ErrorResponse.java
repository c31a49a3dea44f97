package dev.berth.ml.protocol;

/** The protocol's error body, {@code {"error": "..."}}: one line, never a stack trace. */
record ErrorResponse(String error) {}
