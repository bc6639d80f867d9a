package io.parapet.core.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The {@code data} of a {@code parapet.feedback.v1} event, keyed by the completion it is about: a chat app's score
 * for one answer, which datasets from traffic and the monitors join with the completion's own event.
 *
 * @param completionId the {@code chatcmpl-…} id of the completion
 * @param score in [-1, 1]; a thumbs up is 1 and a thumbs down -1
 * @param comment the user's words, at most 2,000 characters, or null
 * @param key the API key's name that sent it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FeedbackEvent(String completionId, double score, String comment, String key) {
    public static final EventType TYPE = EventType.FEEDBACK;
}
