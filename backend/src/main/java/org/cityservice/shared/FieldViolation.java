package org.cityservice.shared;

/** One bad field or parameter: its name as the client sent it, and what is wrong, in Chinese. */
public record FieldViolation(String field, String message) {}
