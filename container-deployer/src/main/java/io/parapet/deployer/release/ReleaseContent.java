package io.parapet.deployer.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * What a release pins, in the canonical form its digest is computed over: every prompt version it serves (and the
 * reference it was resolved from), every model version those prompts call (fallbacks included), every guardrail
 * policy version they run under, the credential references, and the platform version.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReleaseContent(
        String platform,
        List<Prompt> prompts,
        List<Pinned> models,
        List<Pinned> policies,
        Map<String, CredentialRef> credentials) {

    /**
     * A prompt version as released.
     *
     * @param from the reference it was resolved from ({@code support/bot@production})
     * @param models its model and fallbacks, as {@code name#version}, in the order they are tried
     * @param policy its attached policy as {@code name#version}; null when it carries its own inline policy or runs
     *     under the server's default policy
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Prompt(
            String name,
            int version,
            String contentHash,
            String from,
            List<String> models,
            @Nullable String policy) {}

    /** A model or policy version, with the hash of its content. */
    @Serdeable
    public record Pinned(String name, int version, String contentHash) {
        public String ref() {
            return name + "#" + version;
        }
    }
}
