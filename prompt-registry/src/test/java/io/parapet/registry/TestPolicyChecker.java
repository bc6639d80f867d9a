package io.parapet.registry;

import io.parapet.core.ParapetException;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/** Stands in for the guardrails layer's checker: a policy must list its scanners. */
@Singleton
class TestPolicyChecker implements PolicyChecker {
    @Override
    public void check(Map<String, Object> document) {
        if (!(document.get("scanners") instanceof List<?> scanners) || scanners.isEmpty()) {
            throw ParapetException.invalidField("policy.scanners", "must list at least one scanner");
        }
    }
}
