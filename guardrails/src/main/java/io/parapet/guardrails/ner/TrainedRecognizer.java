package io.parapet.guardrails.ner;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.parapet.guardrails.Finding;
import io.parapet.guardrails.classify.TokenStates;
import io.parapet.guardrails.spi.EntityRecognizer;
import io.parapet.guardrails.spi.ScanText;
import java.util.ArrayList;
import java.util.List;

/**
 * PERSON, LOCATION, ORGANIZATION and STREET_ADDRESS from the trained {@link EntityHead} over the encoder's token
 * vectors, with the {@link GazetteerRecognizer} as a fallback for the names: a gazetteer finding that no head finding
 * overlaps is kept, since a title ("Dr. …") or a place list is evidence the head may have missed.
 */
public final class TrainedRecognizer implements EntityRecognizer {
    /**
     * Spans found in this many recent texts are kept (a few dozen bytes each), so a text seen again, such as a chat
     * app's fixed instructions, skips the model run; the spans are a pure function of the text. 0 turns it off.
     */
    static final int CACHE_SIZE = Integer.getInteger("parapet.entities.cacheSize", 10_000);

    private final EntityHead head;
    private final EntityRecognizer fallback;
    private final Cache<String, List<EntityHead.Span>> recent =
            Caffeine.newBuilder().maximumSize(CACHE_SIZE).build();

    public TrainedRecognizer(EntityHead head, EntityRecognizer fallback) {
        this.head = head;
        this.fallback = fallback;
    }

    /**
     * The shipped head with the default gazetteer. The encoder's token session opens here, when a policy that reads
     * names compiles, as the other heads load theirs, so the first scan does not pay for it.
     */
    public static TrainedRecognizer shipped() {
        TokenStates.load();
        return new TrainedRecognizer(EntityHead.shipped(), new GazetteerRecognizer());
    }

    @Override
    public List<Finding> recognize(ScanText text) {
        String normalized = text.normalized();
        if (!text.hasContent()) {
            return List.of();
        }
        List<Finding> found = new ArrayList<>();
        List<EntityHead.Span> spans = recent.getIfPresent(normalized);
        if (spans == null) {
            spans = head.spans(normalized, text.pieces());
            if (CACHE_SIZE > 0) {
                recent.put(normalized, spans);
            }
        }
        for (EntityHead.Span s : spans) {
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
