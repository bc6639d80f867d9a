package io.parapet.core;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * User documents written in YAML or JSON (JSON is YAML): prompt bundles, guardrail policies. Read into typed
 * records strictly (unknown fields are errors), with 400s that say what is wrong.
 */
public final class Documents {
    private static final ObjectMapper STRICT =
            Json.mapper().copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Documents() {}

    /** Parses {@code text} as a mapping and converts it to {@code type}; {@code what} names it in messages. */
    public static <T> T read(String text, Class<T> type, String what) {
        Object tree;
        try {
            // Few aliases and no custom tags: a document is data, and alias bombs must not expand.
            LoadSettings settings = LoadSettings.builder()
                    .setMaxAliasesForCollections(20)
                    .setAllowDuplicateKeys(false)
                    .build();
            tree = new Load(settings).loadFromString(text);
        } catch (YamlEngineException e) {
            throw ParapetException.invalid("the " + what + " is not valid YAML or JSON: " + firstLine(e.getMessage()));
        }
        if (!(tree instanceof Map<?, ?>)) {
            throw ParapetException.invalid("a " + what + " must be a mapping (an object), not " + describe(tree));
        }
        try {
            return STRICT.convertValue(tree, type);
        } catch (IllegalArgumentException e) {
            throw ParapetException.invalid("the " + what + " does not match the format: " + firstLine(e.getMessage()));
        }
    }

    public static String yaml(Object value) {
        Object tree = Json.mapper().convertValue(value, Object.class);
        DumpSettings settings = DumpSettings.builder()
                .setDefaultFlowStyle(FlowStyle.BLOCK)
                .setWidth(120)
                .build();
        return new Dump(settings).dumpToString(tree);
    }

    private static String describe(Object tree) {
        return tree == null
                ? "an empty document"
                : "a " + tree.getClass().getSimpleName().toLowerCase();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
