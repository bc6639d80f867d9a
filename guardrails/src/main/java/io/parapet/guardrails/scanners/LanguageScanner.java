package io.parapet.guardrails.scanners;

import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.i18n.LdLocale;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfile;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import io.parapet.guardrails.Finding;
import io.parapet.guardrails.ScanContext;
import io.parapet.guardrails.ScanResult;
import io.parapet.guardrails.spi.ScanText;
import io.parapet.guardrails.spi.Scanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Language allow-list, with the Optimaize n-gram detector (71 languages). Text shorter than {@code minChars} passes:
 * a few words do not say which language they are. The score is the detector's confidence in a language that is not
 * allowed.
 */
final class LanguageScanner implements Scanner {
    /** Loaded once per JVM, on first use. */
    private static final class Detector {
        static final List<LanguageProfile> PROFILES = read();
        static final LanguageDetector INSTANCE = LanguageDetectorBuilder.create(NgramExtractors.standard())
                .withProfiles(PROFILES)
                .build();
        static final Set<String> KNOWN =
                PROFILES.stream().map(p -> p.getLocale().getLanguage()).collect(Collectors.toUnmodifiableSet());

        private static List<LanguageProfile> read() {
            try {
                return new LanguageProfileReader().readAllBuiltIn();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load the language profiles", e);
            }
        }
    }

    private static final TextObjectFactory TEXT = CommonTextObjectFactories.forDetectingOnLargeText();

    private final Set<String> allowed;
    private final int minChars;

    LanguageScanner(Set<String> allowed, int minChars) {
        Set<String> unknown = new java.util.TreeSet<>(allowed);
        unknown.removeAll(Detector.KNOWN);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "unknown language codes " + unknown + "; use ISO 639-1 codes such as en, fr, de");
        }
        this.allowed = Set.copyOf(allowed);
        this.minChars = minChars;
    }

    @Override
    public ScanResult scan(ScanText text, ScanContext context) {
        String normalized = text.normalized();
        if (normalized.strip().length() < minChars) {
            return ScanResult.CLEAN;
        }
        var probabilities = Detector.INSTANCE.getProbabilities(TEXT.forText(normalized));
        if (probabilities.isEmpty()) {
            return ScanResult.CLEAN;
        }
        var best = probabilities.get(0);
        LdLocale locale = best.getLocale();
        if (allowed.contains(locale.getLanguage())) {
            return ScanResult.CLEAN;
        }
        double score = Math.round(best.getProbability() * 10_000) / 10_000.0;
        return ScanResult.of(List.of(new Finding(
                "LANGUAGE:" + locale.getLanguage(), 0, text.original().length(), "", score)));
    }
}
