package io.parapet.guardrails.ner;

import io.parapet.guardrails.Finding;
import io.parapet.guardrails.classify.TokenStates;
import io.parapet.guardrails.spi.EntityRecognizer;
import io.parapet.guardrails.spi.ScanText;
import java.util.ArrayList;
import java.util.List;

/**
 * PERSON, LOCATION and ORGANIZATION from the trained {@link EntityHead} over the encoder's token vectors, with the
 * {@link GazetteerRecognizer} as a fallback: a gazetteer finding that no head finding overlaps is kept, since a title
 * ("Dr. …") or a place list is evidence the head may have missed.
 */
public final class TrainedRecognizer implements EntityRecognizer {
    private final EntityHead head;
    private final EntityRecognizer fallback;

    public TrainedRecognizer(EntityHead head, EntityRecognizer fallback) {
        this.head = head;
        this.fallback = fallback;
    }

    /** The shipped head with the default gazetteer. */
    public static TrainedRecognizer shipped() {
        return new TrainedRecognizer(EntityHead.shipped(), new GazetteerRecognizer());
    }

    @Override
    public List<Finding> recognize(ScanText text) {
        String normalized = text.normalized();
        if (!text.hasContent()) {
            return List.of();
        }
        List<Finding> found = new ArrayList<>();
        for (EntityHead.Span s : head.spans(normalized, TokenStates.of(normalized))) {
            int[] original = text.originalSpan(s.start(), s.end());
            found.add(new Finding(
                    s.type(),
                    original[0],
                    original[1],
                    text.original().substring(original[0], original[1]),
                    Math.round(s.score() * 1000) / 1000.0));
        }
        for (Finding f : fallback.recognize(text)) {
            if (found.stream().noneMatch(h -> h.start() < f.end() && f.start() < h.end())) {
                found.add(f);
            }
        }
        return found;
    }
}
