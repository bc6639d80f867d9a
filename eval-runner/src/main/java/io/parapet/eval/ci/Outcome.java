package io.parapet.eval.ci;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What a CI evaluation found: the candidate run (and baseline run, when there is one) as the API shows them, every
 * item result of the candidate, the comparison, and the reasons it failed (empty when it passed).
 */
record Outcome(
        JsonNode candidate, JsonNode baseline, List<JsonNode> items, JsonNode comparison, List<String> failures) {
    boolean passed() {
        return failures.isEmpty();
    }
}
