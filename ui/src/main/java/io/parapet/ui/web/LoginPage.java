package io.parapet.ui.web;

import io.micronaut.core.annotation.Nullable;

/** The sign-in form: its one-time token, an error after a failed attempt, and which tab was used. */
public record LoginPage(
        String formToken,
        @Nullable String error,
        boolean withKey,
        @Nullable String username) {}
