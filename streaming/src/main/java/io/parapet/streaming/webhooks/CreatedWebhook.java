package io.parapet.streaming.webhooks;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A new webhook with its signing secret, the only time the secret is shown. Receivers check each delivery's
 * {@code X-Parapet-Signature} with it (see {@link WebhookSignature}).
 */
@Serdeable
public record CreatedWebhook(Webhook webhook, String secret) {}
