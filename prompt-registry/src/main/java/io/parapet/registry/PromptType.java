package io.parapet.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.parapet.core.ParapetException;
import java.util.Locale;

/**
 * A prompt is plain text or a list of chat messages. A {@code policy} entry is a guardrail policy document, versioned
 * and labelled with the same machinery. The type is fixed when the entry is created.
 */
@io.micronaut.serde.annotation.Serdeable
public enum PromptType {
    TEXT,
    CHAT,
    POLICY;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static PromptType parse(String value) {
        for (PromptType type : values()) {
            if (type.wire().equals(value)) {
                return type;
            }
        }
        throw ParapetException.invalidField("type", "must be 'text', 'chat' or 'policy', not '" + value + "'");
    }
}
