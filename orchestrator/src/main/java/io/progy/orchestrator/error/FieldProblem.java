package io.progy.orchestrator.error;

/** What is wrong with one field of a request or of a course manifest. */
public record FieldProblem(String field, String message) {}
