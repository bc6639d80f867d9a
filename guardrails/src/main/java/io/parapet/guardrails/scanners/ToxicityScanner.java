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
 * each a logistic-regression head on the MiniLM embedding plus counts of profanity, of slurs and of insults aimed at
 * the reader (three lexicons, all folded against obfuscation). Profanity and slurs are reported as {@code PROFANITY}
 * and {@code SLUR} spans; insults are a feature only, never a finding. The score is the stronger head's probability,
 * calibrated so that 0.5 is that head's trained threshold.
 */
final class ToxicityScanner implements Scanner {
    static final String TOXIC_HEAD = "guardrails/heads/toxicity-toxic.json";
    static final String HATE_HEAD = "guardrails/heads/toxicity-hate.json";

    private final LinearHead toxic;
    private final LinearHead hate;
    private final ProfanityLexicon profanity;
    private final ProfanityLexicon slurs;
    private final DirectedInsults insults;

    ToxicityScanner(
            LinearHead toxic,
            LinearHead hate,
            ProfanityLexicon profanity,
            ProfanityLexicon slurs,
            DirectedInsults insults) {
        this.toxic = toxic;
        this.hate = hate;
        this.profanity = profanity;
        this.slurs = slurs;
        this.insults = insults;
    }

    @Override
    public ScanResult scan(ScanText text, ScanContext context) {
        if (!text.hasContent()) {
            return ScanResult.CLEAN; // nothing for the lexicons or the heads: skip the model run
        }
        List<ProfanityLexicon.Hit> swearing = profanity.find(text.normalized());
        List<ProfanityLexicon.Hit> slurring = slurs.find(text.normalized());
        List<Finding> findings = new ArrayList<>(ProfanityLexicon.findings(text, swearing, "PROFANITY", 0.7));
        findings.addAll(ProfanityLexicon.findings(text, slurring, "SLUR", 0.8));
        double[] p = probabilities(text, swearing.size(), slurring.size(), insults.count(text.normalized()));
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

    /**
     * The features both heads were trained on: embedding, then for profanity, slurs and insults aimed at the reader
     * ({@link DirectedInsults}): any (0/1) and how many (capped at 3, scaled to 1). Slurs are apart because they mark
     * hate, swearing mostly does not.
     */
    static float[] features(float[] embedding, int profanityHits, int slurHits, int insultHits) {
        return LinearHead.features(
                embedding,
                profanityHits > 0 ? 1 : 0,
                Math.min(profanityHits, 3) / 3.0,
                slurHits > 0 ? 1 : 0,
                Math.min(slurHits, 3) / 3.0,
                insultHits > 0 ? 1 : 0,
                Math.min(insultHits, 3) / 3.0);
    }

    /** {toxic, hate} probabilities, for measuring the heads below their thresholds. */
    double[] probabilities(ScanText text) {
        return probabilities(
                text,
                profanity.find(text.normalized()).size(),
                slurs.find(text.normalized()).size(),
                insults.count(text.normalized()));
    }

    private double[] probabilities(ScanText text, int profanityHits, int slurHits, int insultHits) {
        float[] x = features(text.embedding(), profanityHits, slurHits, insultHits);
        return new double[] {toxic.probability(x), hate.probability(x)};
    }

    double threshold(int category) {
        return category == 0 ? toxic.threshold() : hate.threshold();
    }
}
