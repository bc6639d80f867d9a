package io.parapet.streaming.webhooks;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A webhook as the API shows it: never its secret, which is shown once, when it is created.
 *
 * @param monitor the alerts' monitor must start with this ({@code toxicity}, {@code drift:}); null: every monitor
 * @param prompt only alerts of this prompt; null: every prompt
 */
@Serdeable
public record Webhook(
        long id,
        String name,
        String url,
        @Nullable String monitor,
        @Nullable String prompt,
        boolean enabled,
        Instant createdAt,
        String createdBy) {

    static Webhook of(WebhookEntity e) {
        return new Webhook(
                e.id(), e.name(), e.url(), e.monitorPrefix(), e.prompt(), e.enabled(), e.createdAt(), e.createdBy());
    }
}
