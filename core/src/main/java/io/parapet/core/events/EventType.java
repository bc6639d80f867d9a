package io.parapet.core.events;

/**
 * The events Parapet publishes: the CloudEvents {@code type} (versioned, so a consumer can refuse a shape it does not
 * know) and the Kafka topic it goes to.
 */
public enum EventType {
    CHAT_COMPLETION("parapet.chat.completion.v1", "parapet.chat.completions"),
    FEEDBACK("parapet.feedback.v1", "parapet.feedback"),
    PROMPT_CHANGE("parapet.prompt.change.v1", "parapet.prompt.changes"),
    /** A prompt's (or model's) monitor thresholds; compacted, keyed by the prompt, read by every monitor. */
    MONITOR_SETTINGS("parapet.monitor.settings.v1", "parapet.monitor.settings"),
    /**
     * An event Kafka refused for good (too large, invalid): its id, topic, key, size and the reason. The event itself
     * stays in the {@code outbox_dead_letter} table.
     */
    DEAD_LETTER("parapet.dead-letter.v1", "parapet.dlq"),
    /** A finished evaluation run: what it evaluated, how it ended, and its aggregates; keyed by the prompt. */
    EVAL_RESULT("parapet.eval.result.v1", "parapet.eval.results"),
    /**
     * A model-graded verdict on a sampled live completion (an online {@code llm-judge} rule): the completion's id,
     * prompt version, the rule, and the score and reason or the judge's failure; keyed by the prompt.
     */
    EVAL_JUDGEMENT("parapet.eval.judgement.v1", "parapet.eval.judgements"),
    /**
     * A rollout changed: started, stepped, paused, promoted, rolled back (with the alert that did it) or aborted;
     * keyed by the prompt.
     */
    ROLLOUT("parapet.rollout.v1", "parapet.rollouts");

    private final String type;
    private final String topic;

    EventType(String type, String topic) {
        this.type = type;
        this.topic = topic;
    }

    public String type() {
        return type;
    }

    public String topic() {
        return topic;
    }
}
