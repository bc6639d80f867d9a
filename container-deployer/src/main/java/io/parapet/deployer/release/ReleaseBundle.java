package io.parapet.deployer.release;

import io.micronaut.serde.annotation.Serdeable;
import io.parapet.registry.ModelVersion;
import io.parapet.registry.PromptVersion;
import java.util.List;

/**
 * A release with the content of every version it pins: what a release image carries ({@code /app/release.json}),
 * so an edge gateway serves it with no database to ask. Policies are prompts of type {@code policy}. No credential
 * is in it: {@code release.content().credentials()} says where the deployment finds each.
 */
@Serdeable
public record ReleaseBundle(
        Release release, List<PromptVersion> prompts, List<PromptVersion> policies, List<ModelVersion> models) {
    /**
     * The labels {@code version} must carry for the references in this release to resolve to it: a prompt's label
     * from the reference it was released from ({@code support/bot@production}), a policy's from the prompts that
     * attach it by label ({@code guardrails: pii-strict@production}).
     */
    public List<String> labelsOf(PromptVersion version) {
        var references = new java.util.ArrayList<String>();
        release.content().prompts().stream()
                .filter(p -> p.name().equals(version.name()) && p.version() == version.version())
                .forEach(p -> references.add(p.from()));
        prompts.stream().filter(p -> p.guardrails() != null).forEach(p -> references.add(p.guardrails()));
        String prefix = version.name() + "@";
        return references.stream()
                .filter(r -> r.startsWith(prefix))
                .map(r -> r.substring(prefix.length()))
                .distinct()
                .toList();
    }
}
