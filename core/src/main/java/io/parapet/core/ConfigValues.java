package io.parapet.core;

import java.util.List;
import java.util.Map;

/**
 * Reads typed values out of free-form plug-in settings (scanners, evaluators), with messages that name the key.
 * The settings are sized by editors and used on every request, so lists and their strings are bounded.
 */
public final class ConfigValues {
    public static final int MAX_LIST = 1_000;

    public static final int MAX_STRING = 2_000;

    private ConfigValues() {}

    public static List<String> strings(Map<String, Object> config, String key, List<String> fallback) {
        Object value = config.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof List<?> list) || list.stream().anyMatch(v -> !(v instanceof String))) {
            throw new IllegalArgumentException("'" + key + "' must be a list of strings");
        }
        if (list.size() > MAX_LIST) {
            throw new IllegalArgumentException(
                    "'" + key + "' has " + list.size() + " entries; the limit is " + MAX_LIST);
        }
        List<String> strings = list.stream().map(String.class::cast).toList();
        for (int i = 0; i < strings.size(); i++) {
            if (strings.get(i).length() > MAX_STRING) {
                throw new IllegalArgumentException("'" + key + "[" + i + "]' is "
                        + strings.get(i).length() + " characters long; the limit is " + MAX_STRING);
            }
        }
        return strings;
    }

    public static String string(Map<String, Object> config, String key, String fallback) {
        return typed(config, key, String.class, fallback, "a string");
    }

    public static boolean bool(Map<String, Object> config, String key, boolean fallback) {
        return typed(config, key, Boolean.class, fallback, "true or false");
    }

    /** A whole number in {@code [min, max]}. */
    public static int integer(Map<String, Object> config, String key, int fallback, int min, int max) {
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

    /** A number in {@code [min, max]}. */
    public static double decimal(Map<String, Object> config, String key, double fallback, double min, double max) {
        Object value = config.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number n) || !(n.doubleValue() >= min && n.doubleValue() <= max)) {
            throw new IllegalArgumentException("'" + key + "' must be a number from " + min + " to " + max);
        }
        return n.doubleValue();
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
