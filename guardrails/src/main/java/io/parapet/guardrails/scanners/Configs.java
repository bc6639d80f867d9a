package io.parapet.guardrails.scanners;

import io.parapet.core.ConfigValues;
import java.util.List;
import java.util.Map;

/** Settings only scanners have: ONNX models and their files. Plain values are read by {@link ConfigValues}. */
final class Configs {
    private Configs() {}

    /** A user-supplied ONNX model: {@code {type: onnx, model: <file>, tokenizer: <file>, labels: [...], ...}}. */
    record OnnxSpec(String model, String tokenizer, List<String> labels, Map<String, Object> config) {}

    static OnnxSpec onnx(Object spec, String key) {
        if (!(spec instanceof Map<?, ?> m) || !"onnx".equals(m.get("type"))) {
            throw new IllegalArgumentException(
                    "'" + key + "' must be {type: onnx, model: <file>, tokenizer: <file>, labels: [...]}");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) m;
        String model = ConfigValues.string(config, "model", null);
        String tokenizer = ConfigValues.string(config, "tokenizer", null);
        if (model == null || tokenizer == null) {
            throw new IllegalArgumentException("an onnx '" + key + "' needs 'model' and 'tokenizer' files");
        }
        return new OnnxSpec(model, tokenizer, ConfigValues.strings(config, "labels", List.of()), config);
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
}
