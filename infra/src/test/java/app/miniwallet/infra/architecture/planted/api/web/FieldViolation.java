package app.miniwallet.infra.architecture.planted.api.web;

public record FieldViolation(String field, String reason) {}
