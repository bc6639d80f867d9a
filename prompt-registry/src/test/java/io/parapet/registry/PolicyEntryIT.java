package io.parapet.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parapet.core.FieldError;
import io.parapet.core.PageRequest;
import io.parapet.core.ParapetException;
import io.parapet.core.Problem;
import io.parapet.core.audit.AuditLog;
import io.parapet.registry.bundle.ApplyResult;
import io.parapet.registry.bundle.Bundle;
import io.parapet.registry.bundle.BundleFormat;
import io.parapet.registry.bundle.BundleService;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Guardrail policies are registry entries of type policy: versions, labels, diff and bundles, kept apart from prompts. */
@MicronautTest(transactional = false)
class PolicyEntryIT extends RegistryTestSupport {
    static final Map<String, Object> STRICT =
            Map.of("failClosed", true, "scanners", List.of(Map.of("type", "secrets", "action", "block")));
    static final Map<String, Object> STRICTER = Map.of(
            "failClosed",
            true,
            "scanners",
            List.of(Map.of("type", "secrets", "action", "block"), Map.of("type", "pii", "action", "redact")));

    @Inject
    PromptService prompts;

    @Inject
    LabelService labels;

    @Inject
    BundleService bundles;

    @Inject
    AuditLog audit;

    static CreateVersionRequest policy(Map<String, Object> document, String... labels) {
        return new CreateVersionRequest(
                null, null, null, null, null, null, "policy", List.of(labels), null, null, null, document);
    }

    static CreateVersionRequest guarded(String template, String guardrails) {
        return new CreateVersionRequest(
                null, template, null, null, null, null, "guarded", null, null, null, guardrails, null);
    }

    @Test
    void should_version_and_label_a_policy_like_a_prompt() {
        var first = prompts.createVersion("guard/strict", policy(STRICT, "production"), PUBLISHER);
        assertThat(first.value().type()).isEqualTo(PromptType.POLICY);
        assertThat(prompts.createVersion("guard/strict", policy(STRICT), EDITOR).created())
                .as("identical content is idempotent")
                .isFalse();
        prompts.createVersion("guard/strict", policy(STRICTER), EDITOR);
        Label moved = labels.set("guard/strict", "production", 2, 1, PUBLISHER);

        assertThat(moved.revision()).isEqualTo(2);
        assertThat(prompts.resolve("guard/strict", "production", null).policy()).isEqualTo(STRICTER);
        assertThat(prompts.diff("guard/strict", 1, 2).unified()).contains("+  type: pii");
        assertThat(labels.history("guard/strict", "production", PageRequest.of(0, 10))
                        .items())
                .hasSize(2);
    }

    @Test
    void should_list_policies_and_prompts_apart() {
        prompts.createVersion("apart/policy", policy(STRICT), EDITOR);
        prompts.createVersion("apart/prompt", text("Hi"), EDITOR);

        assertThat(prompts.listPolicies(null, null, "apart", null, PageRequest.of(0, 10))
                        .items())
                .extracting(PromptSummary::name)
                .containsExactly("apart/policy");
        assertThat(prompts.list(null, null, "apart", null, PageRequest.of(0, 10))
                        .items())
                .extracting(PromptSummary::name)
                .containsExactly("apart/prompt");
    }

    @Test
    void should_reject_an_invalid_policy_and_store_nothing() {
        long before = auditTotal();
        assertThatThrownBy(() -> prompts.createVersion("bad/empty", policy(Map.of("scanners", List.of())), EDITOR))
                .isInstanceOf(ParapetException.class)
                .hasMessageContaining("policy.scanners");
        var mixed = new CreateVersionRequest(
                PromptType.POLICY, "Hi", null, null, null, null, "x", null, null, null, "a@b", null);
        assertThatThrownBy(() -> prompts.createVersion("bad/mixed", mixed, EDITOR))
                .isInstanceOfSatisfying(ParapetException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field)
                        .containsExactly("policy", "template", "guardrails"));
        assertThatThrownBy(() -> prompts.get("bad/empty")).hasMessageContaining("does not exist");
        assertThat(auditTotal()).isEqualTo(before);
    }

    @Test
    void should_attach_an_existing_policy_to_a_prompt_version() {
        prompts.createVersion("attach/policy", policy(STRICT, "production"), PUBLISHER);
        prompts.createVersion("attach/other", text("not a policy"), EDITOR);

        var saved = prompts.createVersion("attach/bot", guarded("Hi {{name}}", "attach/policy@production"), EDITOR);
        assertThat(saved.value().guardrails()).isEqualTo("attach/policy@production");
        var second = prompts.createVersion("attach/bot", guarded("Hi {{name}}", "attach/policy#1"), EDITOR);
        assertThat(prompts.diff("attach/bot", 1, 2).guardrails())
                .isEqualTo(new PromptDiff.Change("guardrails", "attach/policy@production", "attach/policy#1"));
        assertThat(second.value().version()).isEqualTo(2);

        assertThatThrownBy(() -> prompts.createVersion("attach/bot", guarded("x", "attach/missing@production"), EDITOR))
                .hasMessageContaining("cannot resolve policy");
        assertThatThrownBy(() -> prompts.createVersion("attach/bot", guarded("x", "attach/other#1"), EDITOR))
                .hasMessageContaining("not a guardrail policy");
        assertThatThrownBy(() -> prompts.createVersion("attach/bot", guarded("x", "attach/policy#0"), EDITOR))
                .hasMessageContaining("no valid version number");
        assertThat(prompts.get("attach/bot").latestVersion()).isEqualTo(2);
    }

    @Test
    void should_refuse_to_render_or_retype_a_policy() {
        prompts.createVersion("fixed/policy", policy(STRICT, "production"), PUBLISHER);

        assertThatThrownBy(() -> prompts.render("fixed/policy", "production", null, Map.of()))
                .isInstanceOfSatisfying(
                        ParapetException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_REQUEST))
                .hasMessageContaining("is a guardrail policy");
        assertThatThrownBy(() -> prompts.createVersion("fixed/policy", text("Hi"), EDITOR))
                .isInstanceOfSatisfying(
                        ParapetException.class, e -> assertThat(e.problem()).isEqualTo(Problem.CONFLICT));
        assertThatThrownBy(() -> prompts.createVersion("fixed/user", text("{{> fixed/policy}}"), EDITOR))
                .hasMessageContaining("is a policy entry");
    }

    @Test
    void should_carry_policies_through_a_bundle_round_trip() {
        String yaml = """
                apiVersion: parapet/v1
                policies:
                  - name: round/policy
                    versions:
                      - policy:
                          scanners: [{type: secrets, action: block}]
                        labels: [production]
                prompts:
                  - name: round/bot
                    versions:
                      - template: "Hi"
                        guardrails: round/policy@production
                        labels: [production]
                """;
        ApplyResult first = bundles.apply(BundleFormat.parse(yaml), false, PUBLISHER);
        assertThat(first.changes()).extracting(ApplyResult.Change::target).contains("round/policy#1", "round/bot#1");

        Bundle exported = bundles.export();
        assertThat(exported.policies()).extracting(Bundle.BundlePrompt::name).contains("round/policy");
        assertThat(exported.prompts()).extracting(Bundle.BundlePrompt::name).doesNotContain("round/policy");
        assertThat(bundles.apply(exported, false, PUBLISHER).changes()).isEmpty();
    }

    private long auditTotal() {
        return auditTotal(audit);
    }
}
