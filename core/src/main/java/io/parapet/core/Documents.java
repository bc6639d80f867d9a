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

    /** Most aliases to collections one document may use. */
    public static final int MAX_ALIASES = 20;

    /** Deepest nesting of mappings and lists. */
    public static final int MAX_DEPTH = 64;

    /**
     * Largest size a document may expand to through its aliases, in scalar characters plus one per node: four times
     * its text plus 64 KiB. Aliases are shared while loading, but every later step (conversion, storage, rendering)
     * copies them, so a chain of them is refused before that.
     */
    static long maxExpandedSize(String text) {
        return 4L * text.length() + 65_536;
    }

    /** Parses {@code text} as a mapping and converts it to {@code type}; {@code what} names it in messages. */
    public static <T> T read(String text, Class<T> type, String what) {
        Object tree = load(text, what);
        if (!(tree instanceof Map<?, ?>)) {
            throw ParapetException.invalid("a " + what + " must be a mapping (an object), not " + describe(tree));
        }
        new ExpansionBudget(maxExpandedSize(text), what).walk(tree, 0);
        try {
            return STRICT.convertValue(tree, type);
        } catch (IllegalArgumentException e) {
            throw ParapetException.invalid("the " + what + " does not match the format: " + firstLine(e.getMessage()));
        }
    }

    private static Object load(String text, String what) {
        // Few aliases and no custom tags: a document is data, and alias bombs must not expand.
        LoadSettings settings = LoadSettings.builder()
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .build();
        try {
            return new Load(settings).loadFromString(text);
        } catch (YamlEngineException e) {
            throw ParapetException.invalid("the " + what + " is not valid YAML or JSON: " + firstLine(e.getMessage()));
        } catch (StackOverflowError e) {
            // The engine's composer recurses per level and has no depth setting; the walk below bounds the rest.
            throw ParapetException.invalid("the " + what + " is nested more than " + MAX_DEPTH + " levels deep");
        }
    }

    /** Walks the loaded tree as it would be copied, alias by alias, and stops at the first limit passed. */
    private static final class ExpansionBudget {
        private final long max;
        private final String what;
        private long used;

        ExpansionBudget(long max, String what) {
            this.max = max;
            this.what = what;
        }

        void walk(Object node, int depth) {
            if (depth > MAX_DEPTH) {
                throw ParapetException.invalid("the " + what + " is nested more than " + MAX_DEPTH + " levels deep");
            }
            used += 1 + (node instanceof String s ? s.length() : 0);
            if (used > max) {
                throw ParapetException.invalid("the " + what + " expands through its aliases to more than " + max
                        + " characters; use fewer aliases");
            }
            if (node instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    walk(e.getKey(), depth + 1);
                    walk(e.getValue(), depth + 1);
                }
            } else if (node instanceof Iterable<?> list) {
                for (Object item : list) {
                    walk(item, depth + 1);
                }
            }
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
