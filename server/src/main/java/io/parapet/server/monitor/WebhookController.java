package io.parapet.server.monitor;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.parapet.core.Page;
import io.parapet.core.PageRequest;
import io.parapet.server.security.Actors;
import io.parapet.streaming.webhooks.CreatedWebhook;
import io.parapet.streaming.webhooks.Webhook;
import io.parapet.streaming.webhooks.WebhookDelivery;
import io.parapet.streaming.webhooks.Webhooks;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** Signed alert webhooks and their delivery log; admin only (a webhook sends alert texts to another system). */
@Controller("/api/v1/webhooks")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("admin")
@Tag(name = "monitors")
class WebhookController {
    private final Webhooks webhooks;

    WebhookController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    /**
     * @param monitor only alerts whose monitor starts with this ({@code toxicity}, {@code drift:}); empty: all
     * @param prompt only alerts of this prompt; empty: all
     */
    @Serdeable
    record NewWebhook(
            @Nullable String name,
            @Nullable String url,
            @Nullable String monitor,
            @Nullable String prompt) {}

    @Operation(
            summary = "Add a webhook; the answer holds its signing secret, shown this once. Deliveries are POSTs"
                    + " signed in X-Parapet-Signature: t=<unix>,v1=<hex HMAC-SHA256 of \"<t>.<body>\">")
    @Post
    HttpResponse<CreatedWebhook> create(@Body NewWebhook body, Authentication auth) {
        return HttpResponse.created(
                webhooks.create(body.name(), body.url(), body.monitor(), body.prompt(), Actors.of(auth)));
    }

    @Operation(summary = "The webhooks, without their secrets")
    @Get
    List<Webhook> list(Authentication auth) {
        return webhooks.list(Actors.of(auth));
    }

    @Operation(summary = "Switch a webhook off; its pending deliveries end as failed, its log stays")
    @Delete("/{id}")
    Webhook disable(@PathVariable long id, Authentication auth) {
        return webhooks.disable(id, Actors.of(auth));
    }

    @Operation(summary = "A webhook's deliveries, newest first: state, attempts, next attempt, last status or error")
    @Get("/{id}/deliveries{?page,size}")
    Page<WebhookDelivery> deliveries(
            @PathVariable long id, @Nullable Integer page, @Nullable Integer size, Authentication auth) {
        return webhooks.deliveries(id, PageRequest.of(page, size), Actors.of(auth));
    }
}
