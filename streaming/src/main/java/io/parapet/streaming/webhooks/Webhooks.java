package io.parapet.streaming.webhooks;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Sort;
import io.parapet.core.Actor;
import io.parapet.core.CredentialCipher;
import io.parapet.core.OutboundUrlPolicy;
import io.parapet.core.Page;
import io.parapet.core.PageRequest;
import io.parapet.core.ParapetException;
import io.parapet.core.Role;
import io.parapet.core.SecureTokens;
import io.parapet.core.audit.AuditLog;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/** Alert webhooks: adding (admin), listing, switching off, and each one's delivery log. */
@Singleton
public class Webhooks {
    private final WebhookRepository webhooks;
    private final DeliveryRepository deliveries;
    private final CredentialCipher cipher;
    private final AuditLog audit;
    private final Clock clock;

    private final OutboundUrlPolicy outbound;

    Webhooks(
            WebhookRepository webhooks,
            DeliveryRepository deliveries,
            CredentialCipher cipher,
            AuditLog audit,
            Clock clock,
            OutboundUrlPolicy outbound) {
        this.outbound = outbound;
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
    }

    /** Adds a webhook for alerts of {@code monitor} (a prefix) and {@code prompt}, either null for all. */
    @Transactional
    public CreatedWebhook create(
            String name, String url, @Nullable String monitor, @Nullable String prompt, Actor actor) {
        actor.require(Role.ADMIN, "add webhooks");
        String checkedName = required("name", name, 200);
        String checkedUrl = url(url);
        outbound.check(checkedUrl, "url");
        String secret = "whsec_" + SecureTokens.urlSafe(32);
        WebhookEntity saved = webhooks.save(new WebhookEntity(
                null,
                checkedName,
                checkedUrl,
                cipher.encrypt(secret),
                optional("monitor", monitor, 60),
                optional("prompt", prompt, 255),
                true,
                clock.instant(),
                actor.name()));
        audit.record(
                actor,
                "webhook.create",
                "webhook",
                String.valueOf(saved.id()),
                null,
                null,
                checkedName + " → " + withoutQuery(checkedUrl));
        return new CreatedWebhook(Webhook.of(saved), secret);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Webhook> list(Actor actor) {
        actor.require(Role.ADMIN, "list webhooks");
        return webhooks.findAllOrderById().stream().map(Webhook::of).toList();
    }

    /** Switches a webhook off; its pending deliveries end as failed, its log stays. */
    @Transactional
    public Webhook disable(long id, Actor actor) {
        actor.require(Role.ADMIN, "remove webhooks");
        WebhookEntity current = find(id);
        if (!current.enabled()) {
            throw ParapetException.conflict("webhook " + id + " is already off");
        }
        WebhookEntity off = webhooks.update(new WebhookEntity(
                current.id(),
                current.name(),
                current.url(),
                current.secret(),
                current.monitorPrefix(),
                current.prompt(),
                false,
                current.createdAt(),
                current.createdBy()));
        deliveries.failPending(id, "the webhook was switched off");
        audit.record(actor, "webhook.disable", "webhook", String.valueOf(id), null, null, current.name());
        return Webhook.of(off);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<WebhookDelivery> deliveries(long id, PageRequest page, Actor actor) {
        actor.require(Role.ADMIN, "read webhook deliveries");
        find(id);
        return Page.of(deliveries.findByWebhookId(id, page.pageable(Sort.of(Sort.Order.desc("id")))));
    }

    private WebhookEntity find(long id) {
        return webhooks.findById(id).orElseThrow(() -> ParapetException.notFound("no webhook " + id));
    }

    private static String url(String url) {
        String value = required("url", url, 2000);
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw ParapetException.invalidField("url", "must be an absolute http or https URL");
            }
            if (uri.getUserInfo() != null) {
                throw ParapetException.invalidField(
                        "url", "must not carry a user or password; the signature authenticates");
            }
        } catch (URISyntaxException e) {
            throw ParapetException.invalidField("url", "is not a URL: " + e.getReason());
        }
        return value;
    }

    private static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw ParapetException.invalidField(field, "is required");
        }
        return optional(field, value, max);
    }

    @Nullable
    private static String optional(String field, @Nullable String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            throw ParapetException.invalidField(field, "must be at most " + max + " characters");
        }
        return v;
    }

    private static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?…";
    }
}
