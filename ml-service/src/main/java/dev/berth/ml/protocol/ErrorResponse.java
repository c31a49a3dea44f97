package dev.berth.ml.protocol;

/** The protocol's error body, {@code {"error": "..."}}: one line, never a stack trace. */
public record ErrorResponse(String error) {
}
