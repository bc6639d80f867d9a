package io.parapet.guardrails;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parapet.core.ParapetException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What an editor can size in a policy is bounded, and going over a bound is a 400 that says which. */
class ScannerConfigLimitsTest {
    static Stream<Arguments> oversized() {
        return Stream.of(
                Arguments.of(
                        "banned-patterns",
                        Map.of("patterns", List.of("((a{1000}){1000}){1000}")),
                        "expands to more than 5000 instructions"),
                Arguments.of(
                        "banned-patterns",
                        Map.of("patterns", List.of("x".repeat(1_001))),
                        "1001 characters long; the limit is 1000"),
                Arguments.of(
                        "toxicity",
                        Map.of("extraWords", Collections.nCopies(1_001, "word")),
                        "'extraWords' has 1001 entries; the limit is 1000"),
                Arguments.of(
                        "banned-topics",
                        Map.of("topics", List.of("t".repeat(2_001))),
                        "'topics[0]' is 2001 characters long; the limit is 2000"),
                Arguments.of(
                        "prompt-leakage",
                        Map.of("canaries", List.of("")),
                        "each of 'canaries' must be at least 4 visible characters"));
    }

    @ParameterizedTest
    @MethodSource("oversized")
    void should_refuse_oversized_scanner_settings_with_the_reason(
            String type, Map<String, Object> config, String reason) {
        ScannerSpec spec = new ScannerSpec(type, Action.BLOCK, 0.5, 1_000, config);
        PolicyDefinition definition = new PolicyDefinition(false, false, List.of(spec));

        assertThatThrownBy(() -> Policy.compile(definition, ScannerCatalog.load()))
                .isInstanceOf(ParapetException.class)
                .hasMessageContaining("scanners[0].config")
                .hasMessageContaining(reason);
    }
}
