package io.parapet.registry;

/** The result of an idempotent create: {@code created} is false when identical content already existed. */
public record Saved<T>(T value, boolean created) {}
