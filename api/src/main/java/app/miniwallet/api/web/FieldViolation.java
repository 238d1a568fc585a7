package app.miniwallet.api.web;

/** One thing wrong with a request: the field (as the client spelled it) and why, in plain words. */
public record FieldViolation(String field, String reason) {}
