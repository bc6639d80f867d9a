package io.parapet.core.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The {@code data} of a {@code parapet.dead-letter.v1} event: an event Kafka refused for good (too large, invalid).
 * The event itself stays in the {@code outbox_dead_letter} table; this says which one and why.
 *
 * @param eventId the refused event's CloudEvents id
 * @param topic and {@code key}: where it was going
 * @param payloadChars the refused event's size
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeadLetterEvent(String reason, String eventId, String topic, String key, int payloadChars) {
    public static final EventType TYPE = EventType.DEAD_LETTER;
}
