package io.parapet.streaming.webhooks;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("webhook_delivery")
record DeliveryEntity(
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
