package io.parapet.server.guardrails;

import io.parapet.guardrails.Policy;
import io.parapet.guardrails.PolicyDocument;
import io.parapet.guardrails.ScannerCatalog;
import io.parapet.registry.PolicyChecker;
import jakarta.inject.Singleton;
import java.util.Map;

/** Lets the registry store a policy version only if it compiles against the installed scanners. */
@Singleton
class GuardrailPolicyChecker implements PolicyChecker {
    private final ScannerCatalog catalog;

    GuardrailPolicyChecker(ScannerCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void check(Map<String, Object> document) {
        Policy.compile(PolicyDocument.of(document).toDefinition(), catalog);
    }
}
