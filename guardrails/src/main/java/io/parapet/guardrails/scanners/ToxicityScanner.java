package io.parapet.guardrails.scanners;

import io.parapet.guardrails.Finding;
import io.parapet.guardrails.ScanContext;
import io.parapet.guardrails.ScanResult;
import io.parapet.guardrails.classify.LinearHead;
import io.parapet.guardrails.spi.ScanText;
import io.parapet.guardrails.spi.Scanner;
import java.util.ArrayList;
import java.util.List;

/**
 * Toxicity in two categories, {@code TOXIC} (offensive, obscene, insulting) and {@code HATE} (attacks on a group),
 * each a logistic-regression head on the MiniLM embedding plus the profanity lexicon's count. Lexicon hits are
 * reported as {@code PROFANITY} spans; the score is the stronger head's probability, calibrated so that 0.5 is that
 * head's trained threshold.
 */
final class ToxicityScanner implements Scanner {
    static final String TOXIC_HEAD = "guardrails/heads/toxicity-toxic.json";
    static final String HATE_HEAD = "guardrails/heads/toxicity-hate.json";

    private final LinearHead toxic;
    private final LinearHead hate;
    private final ProfanityLexicon lexicon;

    ToxicityScanner(LinearHead toxic, LinearHead hate, ProfanityLexicon lexicon) {
        this.toxic = toxic;
        this.hate = hate;
        this.lexicon = lexicon;
    }

    @Override
    public ScanResult scan(ScanText text, ScanContext context) {
        List<ProfanityLexicon.Hit> hits = lexicon.find(text.normalized());
        List<Finding> findings = new ArrayList<>(lexicon.findings(text, hits));
        double[] p = probabilities(text, hits.size());
        double toxicScore = toxic.calibrated(p[0]);
        double hateScore = hate.calibrated(p[1]);
        int length = text.original().length();
        if (toxicScore >= 0.5) {
            findings.add(new Finding("TOXIC", 0, length, "", toxicScore));
        }
        if (hateScore >= 0.5) {
            findings.add(new Finding("HATE", 0, length, "", hateScore));
        }
        return new ScanResult(Math.max(toxicScore, hateScore), findings);
    }

    /** The features both heads were trained on: embedding, any profanity, and how much (capped at 3). */
    static float[] features(float[] embedding, int lexiconHits) {
        return LinearHead.features(embedding, lexiconHits > 0 ? 1 : 0, Math.min(lexiconHits, 3) / 3.0);
    }

    /** {toxic, hate} probabilities, for measuring the heads below their thresholds. */
    double[] probabilities(ScanText text) {
        return probabilities(text, lexicon.find(text.normalized()).size());
    }

    private double[] probabilities(ScanText text, int lexiconHits) {
        float[] x = features(text.embedding(), lexiconHits);
        return new double[] {toxic.probability(x), hate.probability(x)};
    }

    double threshold(int category) {
        return category == 0 ? toxic.threshold() : hate.threshold();
    }
}
