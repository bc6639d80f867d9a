package io.parapet.streaming.webhooks;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Alert webhooks ({@code parapet.webhooks.*}).
 *
 * @param enabled whether this instance sends deliveries (any number of instances may: each delivery is claimed by one)
 * @param pollInterval how often due deliveries are looked for
 * @param retryBase the wait after the first failed attempt; it doubles after each one (with ±20% jitter)
 * @param retryMax the longest wait between attempts
 * @param maxAttempts after this many failed attempts a delivery is {@code failed}
 * @param timeout how long one attempt may take (connect and answer)
 */
@ConfigurationProperties("parapet.webhooks")
public record WebhookSettings(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "500ms") Duration pollInterval,
        @Bindable(defaultValue = "2s") Duration retryBase,
        @Bindable(defaultValue = "10m") Duration retryMax,
        @Bindable(defaultValue = "8") int maxAttempts,
        @Bindable(defaultValue = "10s") Duration timeout) {}
