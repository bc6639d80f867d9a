package io.parapet.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parapet.core.ParapetException;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class ModelServiceIT extends RegistryTestSupport {
    static final String SECRET = "sk-test-0123456789abcdef";

    @Inject
    ModelService models;

    @Inject
    PromptService prompts;

    @Inject
    DataSource dataSource;

    @Inject
    LabelService labelService;

    @Inject
    io.micronaut.transaction.TransactionOperations<Connection> transactions;

    @Test
    void should_encrypt_credentials_and_never_return_them() throws SQLException {
        var saved = models.createVersion("gpt", openai(SECRET), EDITOR).value();
        assertThat(saved.hasCredential()).isTrue();
        assertThat(saved.toString()).doesNotContain(SECRET);
        assertThat(models.credential("gpt", 1)).isEqualTo(SECRET);
        try (Connection c = RegistryTestSupport.rawConnection(dataSource);
                ResultSet rs =
                        c.createStatement().executeQuery("SELECT credential_ciphertext, content FROM model_version")) {
            while (rs.next()) {
                assertThat(rs.getString(1) + rs.getString(2)).doesNotContain(SECRET);
            }
        }
    }

    @Test
    void should_be_idempotent_including_the_credential() {
        assertThat(models.createVersion("idem-model", openai("k1"), EDITOR).created())
                .isTrue();
        assertThat(models.createVersion("idem-model", openai("k1"), EDITOR).created())
                .isFalse();
        var rotated = models.createVersion("idem-model", openai("k2"), EDITOR);
        assertThat(rotated.created()).isTrue();
        assertThat(rotated.value().version()).isEqualTo(2);
    }

    @Test
    void should_need_a_publisher_to_change_a_model_that_production_follows() {
        models.createVersion("prod-model", openai("k1"), EDITOR);
        models.createVersion("backup-model", openai("k1"), EDITOR);
        models.createVersion("pinned-model", openai("k1"), EDITOR);
        prompts.createVersion(
                "uses-prod", onModel(new ModelRef("prod-model", null, null, List.of("backup-model"), null)), PUBLISHER);
        prompts.createVersion("uses-pinned", onModel(new ModelRef("pinned-model", 1, null)), PUBLISHER);
        prompts.createVersion("staging-only", withLabels(chatOn("pinned-model", null), "staging"), EDITOR);

        for (String followed : List.of("prod-model", "backup-model")) {
            assertThatThrownBy(() -> models.createVersion(followed, openai("k2"), EDITOR))
                    .isInstanceOf(ParapetException.class)
                    .hasMessageContaining("only a publisher")
                    .hasMessageContaining("protected label");
            assertThat(models.get(followed, null).version()).isEqualTo(1);
            assertThat(models.createVersion(followed, openai("k2"), PUBLISHER)
                            .value()
                            .version())
                    .isEqualTo(2);
        }
        assertThat(models.createVersion("pinned-model", openai("k2"), EDITOR).created())
                .isTrue();
    }

    /**
     * A publisher moves production to a prompt version that follows {@code raced-model} while an editor adds a
     * version of that model. Whatever the order, the editor's version must not land unseen under production: it
     * waits for the label's transaction and is then refused. Postgres itself reports the editor waiting on the lock.
     */
    @Test
    void should_make_a_model_version_wait_for_a_protected_label_that_is_moving_onto_it() throws Exception {
        models.createVersion("raced-model", openai("k1"), EDITOR);
        CreateVersionRequest r = chat("You help.", "{{question}}");
        prompts.createVersion(
                "raced-prompt",
                new CreateVersionRequest(
                        r.type(),
                        null,
                        r.messages(),
                        null,
                        new ModelRef("raced-model", null, null),
                        null,
                        "t",
                        null,
                        null,
                        null),
                EDITOR);
        java.util.concurrent.CountDownLatch moved = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch commit = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var label = pool.submit(() -> transactions.executeWrite(status -> {
                labelService.set("raced-prompt", "production", 1, null, PUBLISHER);
                moved.countDown();
                await(commit);
                return null;
            }));
            await(moved);
            var editor = pool.submit(() -> models.createVersion("raced-model", openai("k2"), EDITOR));
            while (!editor.isDone() && !waitingOnALock()) {
                Thread.sleep(10);
            }
            assertThat(editor.isDone())
                    .as("the editor's version waited for the moving label")
                    .isFalse();
            commit.countDown();
            label.get();
            assertThatThrownBy(editor::get)
                    .hasRootCauseInstanceOf(ParapetException.class)
                    .hasMessageContaining("only a publisher");
            assertThat(models.get("raced-model", null).version()).isEqualTo(1);
        } finally {
            commit.countDown();
            pool.shutdownNow();
        }
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean waitingOnALock() throws SQLException {
        try (Connection c = RegistryTestSupport.rawConnection(dataSource);
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                                + " AND datname = current_database()")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    private static CreateVersionRequest chatOn(String model, Integer version) {
        CreateVersionRequest r = chat("You help.", "{{question}}");
        return new CreateVersionRequest(
                r.type(), null, r.messages(), null, new ModelRef(model, version, null), null, "t", null, null, null);
    }

    private static CreateVersionRequest onModel(ModelRef ref) {
        CreateVersionRequest r = chat("You help.", "{{question}}");
        return withLabels(
                new CreateVersionRequest(r.type(), null, r.messages(), null, ref, null, "t", null, null, null),
                "production");
    }

    @Test
    void should_mark_echo_as_a_development_provider() {
        var echo = models.createVersion(
                "dev-echo", new CreateModelVersionRequest(Provider.ECHO, null, null, null, null, "x"), EDITOR);
        assertThat(echo.value().development()).isTrue();
        assertThat(models.list())
                .filteredOn(m -> m.name().equals("dev-echo"))
                .extracting(ModelSummary::development)
                .containsExactly(true);
    }

    @Test
    void should_reject_bad_models_without_storing_them() {
        assertThatThrownBy(() -> models.createVersion(
                        "m", new CreateModelVersionRequest(null, "x", null, null, null, null), EDITOR))
                .hasMessageContaining("provider");
        assertThatThrownBy(() -> models.createVersion(
                        "m", new CreateModelVersionRequest(Provider.OPENAI, "x", "ftp://x", null, null, null), EDITOR))
                .hasMessageContaining("baseUrl");
        assertThatThrownBy(() -> models.createVersion(
                        "m", new CreateModelVersionRequest(Provider.AZURE_OPENAI, "x", null, null, null, null), EDITOR))
                .hasMessageContaining("azure");
        assertThatThrownBy(() -> models.createVersion(
                        "m", new CreateModelVersionRequest(Provider.ECHO, null, null, null, "key", null), EDITOR))
                .hasMessageContaining("no credential");
        var hot = new ModelParameters(3.5, 0, null, List.of("a", "b", "c", "d", "e"), null, null, null);
        assertThatThrownBy(() -> models.createVersion(
                        "m", new CreateModelVersionRequest(Provider.OPENAI, "x", null, hot, null, null), EDITOR))
                .isInstanceOf(ParapetException.class)
                .satisfies(e -> assertThat(((ParapetException) e).errors())
                        .extracting("field")
                        .containsExactly("parameters.temperature", "parameters.maxTokens", "parameters.stop"));
        assertThatThrownBy(() -> models.get("m", null)).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> models.createVersion("m2", openai("k"), VIEWER))
                .hasMessageContaining("editor");
    }

    @Test
    void should_require_prompt_models_to_exist_in_the_catalog() {
        models.createVersion("catalogued", openai(null), EDITOR);
        var ok = new CreateVersionRequest(
                PromptType.TEXT,
                "x",
                null,
                null,
                new ModelRef("catalogued", 1, new ModelParameters(0.2, 100, null, null, null, null, null)),
                null,
                "x",
                null,
                null,
                null);
        assertThat(prompts.createVersion("with-model", ok, EDITOR)
                        .value()
                        .model()
                        .name())
                .isEqualTo("catalogued");
        var missing = new CreateVersionRequest(
                PromptType.TEXT, "x", null, null, new ModelRef("ghost", null, null), null, "x", null, null, null);
        assertThatThrownBy(() -> prompts.createVersion("with-model", missing, EDITOR))
                .hasMessageContaining("'ghost' is not in the catalog");
    }

    private static CreateModelVersionRequest openai(String credential) {
        return new CreateModelVersionRequest(Provider.OPENAI, "gpt-4o-mini", null, null, credential, "x");
    }
}
