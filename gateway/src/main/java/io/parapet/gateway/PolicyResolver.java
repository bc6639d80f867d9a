package io.parapet.gateway;

import io.parapet.core.ParapetException;
import io.parapet.guardrails.Policy;
import io.parapet.guardrails.PolicyDocument;
import io.parapet.guardrails.ScannerCatalog;
import io.parapet.registry.PromptCache;
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

    private final PromptCache registry;
    private final ScannerCatalog catalog;
    private final Policy defaultPolicy;
    private final Map<String, Policy> compiled = new ConcurrentHashMap<>();

    PolicyResolver(PromptCache registry, ScannerCatalog catalog, @Named(PolicyDocument.DEFAULT) Policy defaultPolicy) {
        this.registry = registry;
        this.catalog = catalog;
        this.defaultPolicy = defaultPolicy;
    }

    /** A compiled policy and what it is: {@code default}, {@code inline}, or the stored version ({@code name#3}). */
    public record Resolved(String source, Policy policy) {}

    /** {@code policy} is null (the default), a string reference, or an inline policy object. */
    public Resolved resolve(Object policy) {
        if (policy == null || PolicyDocument.DEFAULT.equals(policy)) {
            return new Resolved(PolicyDocument.DEFAULT, defaultPolicy);
        }
        if (policy instanceof Map<?, ?> inline) {
            return new Resolved(
                    "inline", Policy.compile(PolicyDocument.of(inline).toDefinition(), catalog));
        }
        if (policy instanceof String ref) {
            return storedVersion(VersionRef.parse(ref, "policy"));
        }
        throw ParapetException.invalidField(
                "policy",
                "must be \"default\", a stored policy (\"name@label\" or \"name#version\") or a policy object");
    }

    /**
     * The policy a prompt version runs under: the one attached to it ({@code guardrails: name@label}, resolved now, so
     * a label move takes effect at once), else the default.
     */
    public Resolved forPrompt(PromptVersion prompt) {
        if (prompt.type() == PromptType.POLICY) {
            throw ParapetException.invalidField(
                    "prompt", "'" + prompt.name() + "' is a guardrail policy, not a prompt");
        }
        return prompt.guardrails() == null
                ? resolve(null)
                : storedVersion(VersionRef.parse(prompt.guardrails(), "guardrails"));
    }

    /** The stored version a reference points at, compiled. */
    public Policy stored(VersionRef ref) {
        return storedVersion(ref).policy();
    }

    private Resolved storedVersion(VersionRef ref) {
        PromptVersion version = registry.version(ref.prompt(), ref.label(), ref.version());
        if (version.type() != PromptType.POLICY) {
            throw ParapetException.invalidField("policy", "'" + ref + "' is a prompt, not a guardrail policy");
        }
        if (compiled.size() >= MAX_COMPILED) {
            compiled.clear(); // Rare: only after hundreds of distinct policy versions; recompiling is cheap.
        }
        Policy policy = compiled.computeIfAbsent(
                version.contentHash(),
                hash -> Policy.compile(PolicyDocument.of(version.policy()).toDefinition(), catalog));
        return new Resolved(version.name() + "#" + version.version(), policy);
    }
}
