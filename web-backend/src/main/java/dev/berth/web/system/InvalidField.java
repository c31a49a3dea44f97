package dev.berth.web.system;

/** A field or parameter of a request and what is wrong with it. */
public record InvalidField(String field, String message) {
}
