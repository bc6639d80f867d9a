package io.parapet.server.guardrails;

import io.parapet.core.ParapetException;
import io.parapet.guardrails.Policy;
import io.parapet.guardrails.PolicyDocument;
import io.parapet.guardrails.ScannerCatalog;
import io.parapet.registry.PromptService;
import io.parapet.registry.PromptType;
import io.parapet.registry.PromptVersion;
import io.parapet.registry.VersionRef;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns what a caller names into a compiled policy: {@code "default"}, a stored version ({@code name@label},
 * {@code name#3}) or an inline document. Compiled stored versions are kept by content hash: versions are immutable,
 * so a label move simply resolves to another hash and nothing needs invalidating.
 */
@Singleton
public class PolicyResolver {
    private static final int MAX_COMPILED = 256;

    private final PromptService registry;
    private final ScannerCatalog catalog;
    private final Policy defaultPolicy;
    private final Map<String, Policy> compiled = new ConcurrentHashMap<>();

    PolicyResolver(
            PromptService registry, ScannerCatalog catalog, @Named(PolicyDocument.DEFAULT) Policy defaultPolicy) {
        this.registry = registry;
        this.catalog = catalog;
        this.defaultPolicy = defaultPolicy;
    }

    /** {@code policy} is null (the default), a string reference, or an inline policy object. */
    public Policy resolve(Object policy) {
        if (policy == null || PolicyDocument.DEFAULT.equals(policy)) {
            return defaultPolicy;
        }
        if (policy instanceof Map<?, ?> inline) {
            return Policy.compile(PolicyDocument.of(inline).toDefinition(), catalog);
        }
        if (policy instanceof String ref) {
            return stored(VersionRef.parse(ref, "policy"));
        }
        throw ParapetException.invalidField(
                "policy",
                "must be \"default\", a stored policy (\"name@label\" or \"name#version\") or a policy object");
    }

    /** The stored version a reference points at, compiled. */
    public Policy stored(VersionRef ref) {
        PromptVersion version = registry.resolve(ref.prompt(), ref.label(), ref.version());
        if (version.type() != PromptType.POLICY) {
            throw ParapetException.invalidField("policy", "'" + ref + "' is a prompt, not a guardrail policy");
        }
        if (compiled.size() >= MAX_COMPILED) {
            compiled.clear(); // Rare: only after hundreds of distinct policy versions; recompiling is cheap.
        }
        return compiled.computeIfAbsent(
                version.contentHash(),
                hash -> Policy.compile(PolicyDocument.of(version.policy()).toDefinition(), catalog));
    }
}
