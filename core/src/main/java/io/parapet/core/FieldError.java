package io.parapet.core;

import io.micronaut.serde.annotation.Serdeable;

/** One problem with one field of a request, listed in a problem response's {@code errors}. */
@Serdeable
public record FieldError(String field, String message) {}
