package io.parapet.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One immutable version of a prompt, with the labels that point at it now. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromptVersion(
        String name,
        int version,
        PromptType type,
        @Nullable String template,
        @Nullable List<Message> messages,
        List<Variable> variables,
        @Nullable ModelRef model,
        @Nullable Map<String, Object> responseFormat,
        @Nullable String guardrails,
        @Nullable Map<String, Object> policy,
        String commitMessage,
        String author,
        Instant createdAt,
        String contentHash,
        List<String> labels) {

    /** A version of {@code content}, with the facts of its commit. */
    public static PromptVersion of(
            String name,
            int version,
            PromptContent c,
            String commitMessage,
            String author,
            Instant createdAt,
            String contentHash,
            List<String> labels) {
        return new PromptVersion(
                name,
                version,
                c.type(),
                c.template(),
                c.messages(),
                c.variables(),
                c.model(),
                c.responseFormat(),
                c.guardrails(),
                c.policy(),
                commitMessage,
                author,
                createdAt,
                contentHash,
                labels);
    }

    /**
     * The version as lines of text, as diffs compare them: the template, the messages each under a
     * {@code [role]} line, or a policy as YAML.
     */
    public List<String> lines() {
        if (type == PromptType.TEXT) {
            return List.of(template.split("\n", -1));
        }
        if (type == PromptType.POLICY) {
            return List.of(io.parapet.core.Documents.yaml(policy).split("\n", -1));
        }
        List<String> lines = new java.util.ArrayList<>();
        for (Message m : messages) {
            lines.add("[" + m.role() + "]");
            lines.addAll(List.of(m.content().split("\n", -1)));
        }
        return lines;
    }

    public PromptContent content() {
        return new PromptContent(type, template, messages, variables, model, responseFormat, guardrails, policy);
    }
}
