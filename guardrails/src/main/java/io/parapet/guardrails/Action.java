package io.parapet.guardrails;

import java.util.Locale;

/** What a policy does when a scanner's score reaches its threshold. */
@io.micronaut.serde.annotation.Serdeable
public enum Action {
    /** Refuse the text. */
    BLOCK,
    /** Replace each finding with {@code [TYPE]}. */
    REDACT,
    /** Replace each finding with a consistent placeholder ({@code <PERSON_1>}) that the vault can reverse. */
    ANONYMIZE,
    /** Shadow mode: record the finding, change nothing. */
    WARN;

    @com.fasterxml.jackson.annotation.JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Action parse(String value) {
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("action must be block, redact, anonymize or warn, not '" + value + "'");
        }
    }
}
