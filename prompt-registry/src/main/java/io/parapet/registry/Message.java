package io.parapet.registry;

import io.micronaut.serde.annotation.Serdeable;

/** One chat message of a {@code chat} prompt; its content is a template. */
@Serdeable
public record Message(String role, String content) {}
