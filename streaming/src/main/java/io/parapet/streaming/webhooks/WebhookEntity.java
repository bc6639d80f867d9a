package io.parapet.streaming.webhooks;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("alert_webhook")
record WebhookEntity(
        @Id @GeneratedValue @Nullable Long id,
        String name,
        String url,
        String secret,
        @Nullable String monitorPrefix,
        @Nullable String prompt,
        boolean enabled,
        Instant createdAt,
        String createdBy) {}
