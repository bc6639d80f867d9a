package io.parapet.ui.web;

import io.micronaut.core.annotation.Nullable;
import io.parapet.core.Page;
import io.parapet.ui.auth.Users;

/** The users page, with the outcome of the last change. */
public record UsersPage(
        Page<Users.UserRow> users,
        @Nullable String notice,
        @Nullable String error) {}
