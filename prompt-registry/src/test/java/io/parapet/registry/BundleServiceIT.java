package io.parapet.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parapet.core.ParapetException;
import io.parapet.core.audit.AuditLog;
import io.parapet.registry.bundle.ApplyResult;
import io.parapet.registry.bundle.BundleFormat;
import io.parapet.registry.bundle.BundleService;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class BundleServiceIT extends RegistryTestSupport {
    static final String BUNDLE = """
            apiVersion: parapet/v1
            models:
              - name: bundle-gpt
                provider: openai
                modelId: gpt-4o-mini
                parameters: {temperature: 0.2}
                prices: {inputPerMillion: 0.15, outputPerMillion: 0.6}
            prompts:
              - name: bundle/support
                type: chat
                tags: [support]
                versions:
                  - messages:
                      - {role: system, content: "You are terse."}
                      - {role: user, content: "{{question}}"}
                    model: {name: bundle-gpt}
                    commitMessage: first
                    labels: [production]
                  - messages:
                      - {role: system, content: "You are kind."}
                      - {role: user, content: "{{question}}"}
                    commitMessage: kinder
                    labels: [staging]
            """;

    @Inject
    BundleService bundles;

    @Inject
    PromptService prompts;

    @Inject
    ModelService models;

    @Inject
    AuditLog audit;

    @Test
    void should_apply_once_then_report_nothing_to_change() {
        ApplyResult first = bundles.apply(BundleFormat.parse(BUNDLE), false, PUBLISHER);
        assertThat(first.changes())
                .extracting(ApplyResult.Change::action)
                .containsExactly(
                        "model.version.create",
                        "prompt.version.create",
                        "label.move",
                        "prompt.version.create",
                        "label.move");
        assertThat(prompts.resolve("bundle/support", null, null).version()).isEqualTo(1);
        assertThat(prompts.resolve("bundle/support", "staging", null).version()).isEqualTo(2);

        assertThat(bundles.apply(BundleFormat.parse(BUNDLE), false, PUBLISHER).changes())
                .isEmpty();
    }

    @Test
    void should_round_trip_through_export() {
        bundles.apply(BundleFormat.parse(BUNDLE.replace("bundle/support", "bundle/exported")), false, PUBLISHER);
        String exported = BundleFormat.yaml(bundles.export());
        assertThat(exported)
                .contains("bundle/exported", "apiVersion: parapet/v1", "inputPerMillion: 0.15")
                .doesNotContain("credential");
        assertThat(bundles.apply(BundleFormat.parse(exported), false, PUBLISHER).changes())
                .isEmpty();
        assertThat(bundles.apply(BundleFormat.parse(BundleFormat.json(bundles.export())), true, PUBLISHER)
                        .changes())
                .isEmpty();
    }

    @Test
    void should_dry_run_without_changing_anything() {
        long auditBefore = auditCount();
        ApplyResult plan =
                bundles.apply(BundleFormat.parse(BUNDLE.replace("bundle/support", "bundle/planned")), true, PUBLISHER);
        assertThat(plan.dryRun()).isTrue();
        assertThat(plan.changes())
                .filteredOn(c -> c.target().startsWith("bundle/planned"))
                .hasSize(4);
        assertThatThrownBy(() -> prompts.get("bundle/planned")).hasMessageContaining("does not exist");
        assertThat(auditCount()).isEqualTo(auditBefore);
    }

    @Test
    void should_apply_all_or_nothing() {
        String broken = BUNDLE.replace("bundle/support", "bundle/atomic") + """
                  - name: bundle/broken
                    versions:
                      - template: "{{#unclosed}}"
                """;
        assertThatThrownBy(() -> bundles.apply(BundleFormat.parse(broken), false, PUBLISHER))
                .isInstanceOf(ParapetException.class)
                .hasMessageContaining("Section missing close tag");
        assertThatThrownBy(() -> prompts.get("bundle/atomic")).hasMessageContaining("does not exist");
    }

    @Test
    void should_keep_the_credential_when_a_bundle_changes_a_model() {
        models.createVersion(
                "keyed",
                new CreateModelVersionRequest(Provider.OPENAI, "gpt-4o", null, null, "sk-secret", "x"),
                EDITOR);
        String bundle = "models: [{name: keyed, provider: openai, modelId: gpt-4o-mini}]";
        bundles.apply(BundleFormat.parse(bundle), false, EDITOR);
        assertThat(models.get("keyed", null).modelId()).isEqualTo("gpt-4o-mini");
        assertThat(models.credential("keyed", 2)).isEqualTo("sk-secret");
    }

    @Test
    void should_drop_the_credential_when_a_bundle_points_a_model_at_another_host() {
        models.createVersion(
                "stolen",
                new CreateModelVersionRequest(Provider.OPENAI, "gpt-4o", null, null, "sk-secret", "x"),
                EDITOR);
        String bundle =
                "models: [{name: stolen, provider: openai, modelId: gpt-4o, baseUrl: 'https://evil.example/v1'}]";
        ApplyResult result = bundles.apply(BundleFormat.parse(bundle), false, EDITOR);
        assertThat(result.changes()).singleElement().satisfies(c -> assertThat(c.detail())
                .contains("credential dropped"));
        assertThat(models.get("stolen", 2).hasCredential()).isFalse();
        assertThat(models.credential("stolen", 2)).isNull();
    }

    @Test
    void should_keep_a_credential_for_a_new_host_only_when_an_admin_asks() {
        models.createVersion(
                "moved",
                new CreateModelVersionRequest(Provider.OPENAI, "gpt-4o", null, null, "sk-secret", "x"),
                EDITOR);
        String bundle = "models: [{name: moved, provider: openai, modelId: gpt-4o, baseUrl: 'https://proxy.example/v1',"
                + " keepCredential: true}]";
        assertThatThrownBy(() -> bundles.apply(BundleFormat.parse(bundle), false, PUBLISHER))
                .hasMessageContaining("only an admin");
        assertThat(models.get("moved", null).version()).isEqualTo(1);

        ApplyResult result = bundles.apply(BundleFormat.parse(bundle), false, ADMIN);
        assertThat(result.changes()).singleElement().satisfies(c -> assertThat(c.detail())
                .contains("as an admin asked"));
        assertThat(models.credential("moved", 2)).isEqualTo("sk-secret");
    }

    @Test
    void should_reject_malformed_bundles_clearly() {
        assertThatThrownBy(() -> BundleFormat.parse("prompts: [unclosed")).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> BundleFormat.parse("- a list")).hasMessageContaining("must be a mapping");
        assertThatThrownBy(() -> BundleFormat.parse("prompts: [{name: x, versions: [], colour: red}]"))
                .hasMessageContaining("colour");
        assertThatThrownBy(() -> BundleFormat.parse("apiVersion: v9")).hasMessageContaining("parapet/v1");
        assertThatThrownBy(() -> bundles.apply(BundleFormat.parse("prompts: [{name: x, versions: []}]"), false, EDITOR))
                .hasMessageContaining("at least one version");
        assertThatThrownBy(() -> bundles.apply(BundleFormat.parse(BUNDLE), false, EDITOR))
                .hasMessageContaining("protected label 'production'");
    }

    private long auditCount() {
        return auditTotal(audit);
    }
}
