package io.parapet.server.gateway;

import io.parapet.core.events.EventType;
import io.parapet.core.events.Outbox;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when a chat request ends: its tokens are charged to the key's budget, and it is written to the
 * outbox as a {@code parapet.chat.completion.v1} event.
 */
@Singleton
class CompletionEvents {
    private static final Logger LOG = LoggerFactory.getLogger(CompletionEvents.class);

    private final Outbox outbox;
    private final RateLimits limits;

    CompletionEvents(Outbox outbox, RateLimits limits) {
        this.outbox = outbox;
        this.limits = limits;
    }

    void finished(CompletionTrace trace) {
        limits.charge(trace.key(), trace.totalTokens());
        try {
            outbox.append(EventType.CHAT_COMPLETION, "gateway", trace.eventKey(), trace.toEventData());
        } catch (RuntimeException e) {
            // The caller already has its answer; the database is down. Say so without the text of the request.
            LOG.error("could not write the completion event of {}: {}", trace.requestId, e.toString());
        }
    }
}
