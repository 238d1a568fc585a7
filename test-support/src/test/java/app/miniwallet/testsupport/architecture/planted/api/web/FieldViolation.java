package app.miniwallet.testsupport.architecture.planted.api.web;

public record FieldViolation(String field, String reason) {}
