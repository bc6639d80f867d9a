package io.parapet.guardrails.ner;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.parapet.guardrails.Finding;
import io.parapet.guardrails.classify.OnnxModels;
import io.parapet.guardrails.classify.Softmax;
import io.parapet.guardrails.spi.EntityRecognizer;
import io.parapet.guardrails.spi.ScanText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Any HuggingFace token-classification model exported to ONNX (for example with {@code optimum-cli export onnx}),
 * tokenized with its {@code tokenizer.json} through DJL and run with onnxruntime. {@code labels} are the model's
 * {@code id2label} in order ({@code O}, {@code B-PER}, {@code I-PER}, …); BIO tags are merged into spans and mapped to
 * PERSON, LOCATION and ORGANIZATION. The score of a span is the mean softmax probability of its tokens.
 */
public final class OnnxTokenClassifier implements EntityRecognizer, AutoCloseable {
    private static final Map<String, String> TYPES = Map.of(
            "PER",
            "PERSON",
            "PERSON",
            "PERSON",
            "LOC",
            "LOCATION",
            "GPE",
            "LOCATION",
            "LOCATION",
            "LOCATION",
            "ORG",
            "ORGANIZATION",
            "ORGANIZATION",
            "ORGANIZATION");

    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final List<String> labels;

    public OnnxTokenClassifier(Path model, Path tokenizerJson, List<String> labels) {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("NER 'labels' must list the model's labels in id order");
        }
        this.session = OnnxModels.session(model);
        this.tokenizer = OnnxModels.tokenizer(tokenizerJson);
        this.labels = List.copyOf(labels);
    }

    @Override
    public List<Finding> recognize(ScanText text) {
        String normalized = text.normalized();
        if (normalized.isBlank()) {
            return List.of();
        }
        Encoding encoding = tokenizer.encode(normalized);
        float[][] logits = ((float[][][]) OnnxModels.run(session, encoding))[0];
        if (logits.length > 0 && logits[0].length != labels.size()) {
            throw new IllegalStateException("the NER model has " + logits[0].length + " output classes but "
                    + labels.size() + " labels are configured");
        }
        return spans(text, OnnxModels.pieceSpans(normalized, encoding), logits);
    }

    /** Merges B-/I- tagged tokens into entity spans over the normalized text, then maps them to the original. */
    private List<Finding> spans(ScanText text, int[][] pieceSpans, float[][] logits) {
        List<Finding> found = new ArrayList<>();
        String currentType = null;
        int start = -1;
        int end = -1;
        double scoreSum = 0;
        int tokens = 0;
        for (int i = 0; i <= logits.length; i++) {
            String type = null;
            boolean begins = false;
            double p = 0;
            boolean hasSpan = i < logits.length && i < pieceSpans[0].length && pieceSpans[0][i] >= 0;
            if (hasSpan) {
                int best = argmax(logits[i]);
                p = Softmax.of(logits[i])[best];
                String label = labels.get(best);
                int dash = label.indexOf('-');
                type = dash > 0 ? TYPES.get(label.substring(dash + 1)) : TYPES.get(label);
                begins = label.startsWith("B-") || (type != null && !type.equals(currentType));
            }
            if (currentType != null && (type == null || begins || !type.equals(currentType))) {
                int[] original = text.originalSpan(start, end);
                found.add(new Finding(
                        currentType,
                        original[0],
                        original[1],
                        text.original().substring(original[0], original[1]),
                        Math.round(scoreSum / tokens * 1000) / 1000.0));
                currentType = null;
            }
            if (type != null) {
                if (currentType == null) {
                    currentType = type;
                    start = pieceSpans[0][i];
                    scoreSum = 0;
                    tokens = 0;
                }
                end = pieceSpans[1][i];
                scoreSum += p;
                tokens++;
            }
        }
        return found;
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public void close() throws OrtException {
        session.close();
        tokenizer.close();
    }
}
