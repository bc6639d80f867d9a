package io.parapet.server;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Server settings ({@code parapet.*}).
 *
 * @param home local-mode data folder ({@code PARAPET_HOME}, default {@code ./.parapet}); empty in production
 * @param bootstrapAdminKey an admin key to create at start ({@code PARAPET_BOOTSTRAP_ADMIN_KEY}); when absent a
 *     key is generated on first start, printed once and, in local mode, stored in {@code <home>/admin-key}
 */
@ConfigurationProperties("parapet")
public record ParapetConfig(@Nullable String home, @Nullable String bootstrapAdminKey) {}
