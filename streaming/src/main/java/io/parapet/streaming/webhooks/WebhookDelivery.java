package io.parapet.streaming.webhooks;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * One alert's delivery to one webhook: {@code pending} (with its next attempt), {@code delivered}, or
 * {@code failed} after the last attempt; the last answer's status or error says why.
 */
@Serdeable
public record WebhookDelivery(
        long id,
        long webhookId,
        long alertId,
        String state,
        int attempts,
        Instant nextAttemptAt,
        @Nullable Integer lastStatus,
        @Nullable String lastError,
        Instant createdAt,
        @Nullable Instant deliveredAt) {

    static WebhookDelivery of(DeliveryEntity e) {
        return new WebhookDelivery(
                e.id(),
                e.webhookId(),
                e.alertId(),
                e.state(),
                e.attempts(),
                e.nextAttemptAt(),
                e.lastStatus(),
                e.lastError(),
                e.createdAt(),
                e.deliveredAt());
    }
}
