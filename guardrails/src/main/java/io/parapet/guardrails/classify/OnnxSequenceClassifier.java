package io.parapet.guardrails.classify;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Any HuggingFace sequence-classification model exported to ONNX, with its {@code tokenizer.json}: text in, one
 * probability per label out. {@code sigmoid} suits multi-label models (toxic-bert's toxic, obscene, insult, …),
 * {@code softmax} single-label ones. A model whose output is per token (rank 3) is read at its first token.
 */
public final class OnnxSequenceClassifier {
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final List<String> labels;
    private final boolean sigmoid;

    public OnnxSequenceClassifier(Path model, Path tokenizerJson, List<String> labels, String activation) {
        if (labels.isEmpty() || new java.util.HashSet<>(labels).size() != labels.size()) {
            throw new IllegalArgumentException("'labels' must list the model's distinct labels in id order");
        }
        if (!activation.equals("sigmoid") && !activation.equals("softmax")) {
            throw new IllegalArgumentException("'activation' must be sigmoid or softmax");
        }
        this.session = OnnxModels.session(model);
        this.tokenizer = OnnxModels.tokenizer(tokenizerJson);
        this.labels = List.copyOf(labels);
        this.sigmoid = activation.equals("sigmoid");
    }

    /** Label → probability, in label order. */
    public Map<String, Double> classify(String text) {
        Object out = OnnxModels.run(session, tokenizer.encode(text.isEmpty() ? " " : text));
        float[] logits = out instanceof float[][][] perToken ? perToken[0][0] : ((float[][]) out)[0];
        if (logits.length != labels.size()) {
            throw new IllegalStateException("the model has " + logits.length + " output classes but " + labels.size()
                    + " labels are configured");
        }
        double[] softmax = sigmoid ? null : Softmax.of(logits);
        Map<String, Double> probabilities = new LinkedHashMap<>();
        for (int i = 0; i < logits.length; i++) {
            double p = sigmoid ? 1 / (1 + Math.exp(-logits[i])) : softmax[i];
            probabilities.put(labels.get(i), p);
        }
        return probabilities;
    }
}
