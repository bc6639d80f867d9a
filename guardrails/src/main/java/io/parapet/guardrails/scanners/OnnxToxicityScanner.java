package io.parapet.guardrails.scanners;

import io.parapet.guardrails.Finding;
import io.parapet.guardrails.ScanContext;
import io.parapet.guardrails.ScanResult;
import io.parapet.guardrails.classify.OnnxSequenceClassifier;
import io.parapet.guardrails.spi.ScanText;
import io.parapet.guardrails.spi.Scanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Toxicity from a configured HuggingFace sequence-classification model instead of the built-in heads. Labels that
 * name hate or identity attacks feed {@code HATE}; labels that name a benign class ({@code non-toxic}, {@code
 * neutral}, {@code normal}) are ignored; every other label feeds {@code TOXIC}. Scores are the model's probabilities.
 * The profanity lexicon still reports its spans.
 */
final class OnnxToxicityScanner implements Scanner {
    private final OnnxSequenceClassifier model;
    private final ProfanityLexicon profanity;
    private final ProfanityLexicon slurs;

    OnnxToxicityScanner(OnnxSequenceClassifier model, ProfanityLexicon profanity, ProfanityLexicon slurs) {
        this.model = model;
        this.profanity = profanity;
        this.slurs = slurs;
    }

    @Override
    public ScanResult scan(ScanText text, ScanContext context) {
        List<Finding> findings =
                new ArrayList<>(ProfanityLexicon.findings(text, profanity.find(text.normalized()), "PROFANITY", 0.7));
        findings.addAll(ProfanityLexicon.findings(text, slurs.find(text.normalized()), "SLUR", 0.8));
        double toxic = 0;
        double hate = 0;
        for (Map.Entry<String, Double> e : model.classify(text.normalized()).entrySet()) {
            String label = e.getKey().toLowerCase(Locale.ROOT);
            if (label.contains("hate") || label.contains("identity")) {
                hate = Math.max(hate, e.getValue());
            } else if (!label.startsWith("non")
                    && !label.startsWith("not")
                    && !label.equals("neutral")
                    && !label.equals("normal")) {
                toxic = Math.max(toxic, e.getValue());
            }
        }
        int length = text.original().length();
        findings.add(new Finding("TOXIC", 0, length, "", round(toxic)));
        findings.add(new Finding("HATE", 0, length, "", round(hate)));
        findings.removeIf(f -> (f.type().equals("TOXIC") || f.type().equals("HATE")) && f.score() < 0.5);
        return new ScanResult(round(Math.max(toxic, hate)), findings);
    }

    private static double round(double p) {
        return Math.round(p * 10_000) / 10_000.0;
    }
}
