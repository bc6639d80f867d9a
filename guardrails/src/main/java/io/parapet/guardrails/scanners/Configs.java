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
