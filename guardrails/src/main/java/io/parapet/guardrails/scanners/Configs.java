package io.parapet.guardrails.scanners;

import java.util.List;
import java.util.Map;

/** Reads typed values out of a scanner's free-form configuration, with messages that name the key. */
final class Configs {
    private Configs() {}

    static List<String> strings(Map<String, Object> config, String key, List<String> fallback) {
        Object value = config.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof List<?> list) || list.stream().anyMatch(v -> !(v instanceof String))) {
            throw new IllegalArgumentException("'" + key + "' must be a list of strings");
        }
        return list.stream().map(String.class::cast).toList();
    }

    static String string(Map<String, Object> config, String key, String fallback) {
        return typed(config, key, String.class, fallback, "a string");
    }

    static boolean bool(Map<String, Object> config, String key, boolean fallback) {
        return typed(config, key, Boolean.class, fallback, "true or false");
    }

    /** A whole number in {@code [min, max]}. */
    static int integer(Map<String, Object> config, String key, int fallback, int min, int max) {
        Object value = config.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number n)
                || n.doubleValue() != Math.rint(n.doubleValue())
                || n.doubleValue() < min
                || n.doubleValue() > max) {
            throw new IllegalArgumentException("'" + key + "' must be a whole number from " + min + " to " + max);
        }
        return n.intValue();
    }

    private static <T> T typed(Map<String, Object> config, String key, Class<T> type, T fallback, String what) {
        Object value = config.get(key);
        if (value == null) {
            return fallback;
        }
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("'" + key + "' must be " + what);
        }
        return type.cast(value);
    }
}
