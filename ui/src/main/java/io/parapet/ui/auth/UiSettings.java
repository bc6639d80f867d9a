package io.parapet.ui.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The web UI's settings ({@code parapet.ui.*}).
 *
 * @param sessionLifetime how long a browser stays signed in; a session ends sooner at logout, or when its user is
 *     disabled or its key revoked
 * @param bcryptStrength BCrypt's cost (log2 rounds) for new passwords; 12 takes about 0.25 s on one core
 */
@ConfigurationProperties("parapet.ui")
public record UiSettings(
        @Bindable(defaultValue = "12h") Duration sessionLifetime,
        @Bindable(defaultValue = "12") int bcryptStrength) {}
