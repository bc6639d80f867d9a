package io.parapet.streaming.webhooks;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * One alert's delivery to one webhook: {@code pending} (with its next attempt), {@code delivered}, or
 * {@code failed} after the last attempt; the last answer's status or error says why. The row is shown as it is
 * stored: it holds nothing secret.
 */
@Serdeable
@MappedEntity("webhook_delivery")
public record WebhookDelivery(
        @Id @GeneratedValue @Nullable Long id,
        long webhookId,
        long alertId,
        String state,
        int attempts,
        Instant nextAttemptAt,
        @Nullable Integer lastStatus,
        @Nullable String lastError,
        Instant createdAt,
        @Nullable Instant deliveredAt) {}
