package io.parapet.ui.web;

import io.micronaut.core.annotation.Nullable;
import io.parapet.core.Page;
import io.parapet.ui.spi.KeyAccounts;

/** The API keys page; {@code secret} is set only on the response that created it, the one time it is shown. */
public record KeysPage(
        Page<KeyAccounts.KeyRow> keys,
        @Nullable String secret,
        @Nullable String createdName,
        @Nullable String error) {}
