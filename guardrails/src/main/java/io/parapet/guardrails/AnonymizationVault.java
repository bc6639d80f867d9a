package io.parapet.guardrails;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reversible placeholders for one conversation: the same value always gets the same placeholder
 * ({@code <EMAIL_ADDRESS_1>}), and {@link #restore} puts the values back into model output. Thread-safe.
 */
public final class AnonymizationVault {
    private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Z_]+_\\d+)>");

    private final Map<String, String> byValue = new HashMap<>();
    private final Map<String, String> byPlaceholder = new LinkedHashMap<>();
    private final Map<String, Integer> counters = new HashMap<>();

    public synchronized String placeholderFor(String type, String value) {
        return byValue.computeIfAbsent(type + "\u0000" + value, k -> {
            int n = counters.merge(type, 1, Integer::sum);
            String placeholder = "<" + type + "_" + n + ">";
            byPlaceholder.put(placeholder, value);
            return placeholder;
        });
    }

    /** Replaces every known placeholder in {@code text} with its original value; unknown ones stay as they are. */
    public synchronized String restore(String text) {
        if (byPlaceholder.isEmpty()) {
            return text; // nothing was anonymized: the common case, and a regex pass over every answer saved
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String value = byPlaceholder.get(m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    public synchronized Map<String, String> entries() {
        return Map.copyOf(byPlaceholder);
    }
}
