package io.parapet.guardrails.scanners;

import java.util.List;
import java.util.Map;

/** Reads typed values out of a scanner's free-form configuration, with messages that name the key. */
final class Configs {
    /** Scanner settings are sized by editors and run on every request, so lists and their strings are bounded. */
    static final int MAX_LIST = 1_000;

    static final int MAX_STRING = 2_000;

    private Configs() {}

    static List<String> strings(Map<String, Object> config, String key, List<String> fallback) {
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

    static String string(Map<String, Object> config, String key, String fallback) {
        return typed(config, key, String.class, fallback, "a string");
    }

    static boolean bool(Map<String, Object> config, String key, boolean fallback) {
        return typed(config, key, Boolean.class, fallback, "true or false");
    }

    /** A user-supplied ONNX model: {@code {type: onnx, model: <file>, tokenizer: <file>, labels: [...], ...}}. */
    record OnnxSpec(String model, String tokenizer, List<String> labels, Map<String, Object> config) {}

    static OnnxSpec onnx(Object spec, String key) {
        if (!(spec instanceof Map<?, ?> m) || !"onnx".equals(m.get("type"))) {
            throw new IllegalArgumentException(
                    "'" + key + "' must be {type: onnx, model: <file>, tokenizer: <file>, labels: [...]}");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) m;
        String model = string(config, "model", null);
        String tokenizer = string(config, "tokenizer", null);
        if (model == null || tokenizer == null) {
            throw new IllegalArgumentException("an onnx '" + key + "' needs 'model' and 'tokenizer' files");
        }
        return new OnnxSpec(model, tokenizer, strings(config, "labels", List.of()), config);
    }

    /** Where operators put model and tokenizer files that policies may name; unset, policies cannot name files. */
    static final String MODEL_DIR_PROPERTY = "parapet.guardrails.model-dir";

    /**
     * A model or tokenizer file a policy names, resolved inside the operator's model folder. Policies are written by
     * editors through the API, so they must not make the server open arbitrary files: a path outside the folder
     * (after resolving {@code ..} and symbolic links) is refused, and with no folder configured, so is every path.
     */
    static java.nio.file.Path modelFile(String file, String key) {
        String root = System.getProperty(MODEL_DIR_PROPERTY, System.getenv("PARAPET_GUARDRAILS_MODEL_DIR"));
        if (root == null || root.isBlank()) {
            throw new IllegalArgumentException("'" + key + "' names a file, but model files are disabled: set"
                    + " PARAPET_GUARDRAILS_MODEL_DIR to the folder that holds them");
        }
        java.nio.file.Path base = java.nio.file.Path.of(root).toAbsolutePath().normalize();
        java.nio.file.Path path = base.resolve(file).normalize();
        try {
            if (java.nio.file.Files.exists(path)) {
                path = path.toRealPath();
                base = base.toRealPath();
            }
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("'" + key + "' cannot be read: " + e.getMessage());
        }
        if (!path.startsWith(base)) {
            throw new IllegalArgumentException("'" + key + "' must name a file inside the model folder");
        }
        return path;
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
