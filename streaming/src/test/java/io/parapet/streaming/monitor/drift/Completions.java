package io.parapet.streaming.monitor.drift;

import io.parapet.streaming.monitor.Completion;
import java.time.Instant;
import java.util.List;

/** Completions for the drift tests, varied only in what a test looks at. */
final class Completions {
    private Completions() {}

    static Completion withEmbedding(float[] embedding, int inputTokens) {
        return new Completion(
                "id",
                "p#1",
                "p",
                1,
                Instant.EPOCH,
                "stop",
                100,
                inputTokens,
                30,
                List.of(),
                0.1,
                null,
                "latin",
                "",
                "",
                null,
                embedding);
    }
}
