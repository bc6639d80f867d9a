package io.parapet.guardrails.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.parapet.guardrails.spi.ScanText;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Kept features are reused by the same extractor and dropped when the extractor has changed under the same name. */
class FeatureCacheTest {

    @Test
    void a_changed_extractor_under_the_same_version_gets_fresh_features() throws Exception {
        String version = "test-" + UUID.randomUUID();
        List<String> texts = List.of("hello there", "you worthless idiot");
        AtomicInteger runs = new AtomicInteger();
        Function<ScanText, float[]> first = t -> {
            runs.incrementAndGet();
            return new float[] {t.normalized().length()};
        };
        assertThat(new FeatureCache(version).features(texts, first).get("hello there"))
                .containsExactly(11f);

        int runsBefore = runs.get();
        new FeatureCache(version).features(texts, first);
        assertThat(runs.get() - runsBefore)
                .as("the same extractor runs only on the probe texts, not on the kept ones")
                .isLessThanOrEqualTo(5);

        Function<ScanText, float[]> changed = t -> new float[] {-1f};
        assertThat(new FeatureCache(version).features(texts, changed).get("hello there"))
                .as("a stale file is not read back")
                .containsExactly(-1f);
        java.nio.file.Files.deleteIfExists(java.nio.file.Path.of("target", "feature-cache", version + ".bin"));
    }
}
