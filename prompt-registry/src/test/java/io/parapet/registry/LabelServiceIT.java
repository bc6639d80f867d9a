package io.parapet.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parapet.core.PageRequest;
import io.parapet.core.ParapetException;
import io.parapet.core.Problem;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class LabelServiceIT extends RegistryTestSupport {
    @Inject
    PromptService prompts;

    @Inject
    LabelService labels;

    @Inject
    javax.sql.DataSource dataSource;

    @Test
    void should_move_with_if_match_and_keep_history() {
        three("moves");
        Label created = labels.set("moves", "staging", 1, null, EDITOR);
        Label moved = labels.set("moves", "staging", 2, created.revision(), EDITOR);
        Label back = labels.set("moves", "staging", 1, moved.revision(), EDITOR);

        assertThat(back.revision()).isEqualTo(3);
        assertThat(prompts.resolve("moves", "staging", null).version()).isEqualTo(1);
        assertThat(labels.history("moves", "staging", PageRequest.of(0, 10)).items())
                .extracting(LabelEvent::fromVersion, LabelEvent::toVersion)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, 1),
                        org.assertj.core.groups.Tuple.tuple(1, 2),
                        org.assertj.core.groups.Tuple.tuple(null, 1));
    }

    @Test
    void should_announce_versions_and_label_moves_as_outbox_events_and_refused_changes_not_at_all() throws Exception {
        three("announced");
        labels.set("announced", "staging", 2, null, EDITOR);
        assertThat(problemOf(() -> labels.set("announced", "staging", 3, 99, EDITOR)))
                .isEqualTo(Problem.PRECONDITION_FAILED);
        labels.delete("announced", "staging", null, false, EDITOR);
        List<com.fasterxml.jackson.databind.JsonNode> events = new java.util.ArrayList<>();
        try (var c = rawConnection(dataSource);
                var s = c.prepareStatement("SELECT topic, payload FROM outbox_event WHERE event_key = ? ORDER BY id")) {
            s.setString(1, "announced");
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    assertThat(rs.getString(1)).isEqualTo("parapet.prompt.changes");
                    events.add(io.parapet.core.Json.read(rs.getString(2)));
                }
            }
        }
        assertThat(events)
                .extracting(e -> e.at("/data/change").asText() + ":"
                        + e.at("/data/version").asText(""))
                .containsExactly(
                        "version.create:1", "version.create:2", "version.create:3", "label.move:2", "label.delete:");
        assertThat(events.get(3).at("/type").asText()).isEqualTo("parapet.prompt.change.v1");
        assertThat(events.get(3).at("/data/actor").asText()).isEqualTo(EDITOR.name());
    }

    @Test
    void should_refuse_stale_or_missing_if_match_and_change_nothing() {
        three("stale");
        labels.set("stale", "staging", 1, null, EDITOR);
        labels.set("stale", "staging", 2, 1, EDITOR);

        assertThat(problemOf(() -> labels.set("stale", "staging", 3, 1, EDITOR)))
                .isEqualTo(Problem.PRECONDITION_FAILED);
        assertThat(problemOf(() -> labels.set("stale", "staging", 3, null, EDITOR)))
                .isEqualTo(Problem.PRECONDITION_REQUIRED);
        assertThat(problemOf(() -> labels.set("stale", "fresh", 3, 7, EDITOR))).isEqualTo(Problem.PRECONDITION_FAILED);
        assertThat(labels.get("stale", "staging").version()).isEqualTo(2);
        assertThat(labels.history("stale", "staging", PageRequest.of(0, 10)).total())
                .isEqualTo(2);
    }

    @Test
    void should_let_exactly_one_of_concurrent_moves_with_the_same_if_match_win() throws Exception {
        for (int i = 0; i < 10; i++) {
            prompts.createVersion("contended", RegistryTestSupport.text("v" + i), EDITOR);
        }
        labels.set("contended", "staging", 1, null, EDITOR);
        List<String> outcomes = PromptServiceIT.concurrently(10, i -> {
            try {
                return "won:"
                        + labels.set("contended", "staging", i + 1 == 1 ? 10 : i + 1, 1, EDITOR)
                                .version();
            } catch (ParapetException e) {
                return e.problem().name();
            }
        });
        assertThat(outcomes.stream().filter(o -> o.startsWith("won")).count()).isEqualTo(1);
        assertThat(outcomes.stream()
                        .filter(o -> o.equals("PRECONDITION_FAILED"))
                        .count())
                .isEqualTo(9);
        Label after = labels.get("contended", "staging");
        assertThat(after.revision()).isEqualTo(2);
        assertThat(outcomes).contains("won:" + after.version());
    }

    @Test
    void should_reserve_protected_labels_for_publishers() {
        three("guarded");
        assertThat(problemOf(() -> labels.set("guarded", "production", 1, null, EDITOR)))
                .isEqualTo(Problem.FORBIDDEN);
        assertThat(problemOf(() -> labels.set("guarded", "staging", 1, null, VIEWER)))
                .isEqualTo(Problem.FORBIDDEN);
        assertThat(labels.set("guarded", "production", 1, null, PUBLISHER).isProtected())
                .isTrue();
        assertThat(problemOf(() -> labels.delete("guarded", "production", null, false, EDITOR)))
                .isEqualTo(Problem.FORBIDDEN);
        assertThat(labels.get("guarded", "production").version()).isEqualTo(1);
    }

    @Test
    void should_reject_latest_bad_names_and_missing_versions() {
        three("rules");
        assertThat(problemOf(() -> labels.set("rules", "latest", 1, null, EDITOR)))
                .isEqualTo(Problem.INVALID_REQUEST);
        assertThat(problemOf(() -> labels.set("rules", "Bad Label", 1, null, EDITOR)))
                .isEqualTo(Problem.INVALID_REQUEST);
        assertThat(problemOf(() -> labels.set("rules", "staging", 99, null, EDITOR)))
                .isEqualTo(Problem.NOT_FOUND);
        assertThat(problemOf(() -> labels.set("nope", "staging", 1, null, EDITOR)))
                .isEqualTo(Problem.NOT_FOUND);
        assertThat(prompts.get("rules").labels()).isEmpty();
    }

    @Test
    void should_need_force_to_delete_a_label_others_include() {
        prompts.createVersion("shared/footer", withLabels(RegistryTestSupport.text("bye"), "stable"), EDITOR);
        prompts.createVersion("uses-footer", RegistryTestSupport.text("hi {{> shared/footer@stable}}"), EDITOR);

        assertThatThrownBy(() -> labels.delete("shared/footer", "stable", null, false, EDITOR))
                .hasMessageContaining("uses-footer#1");
        assertThat(labels.get("shared/footer", "stable").version()).isEqualTo(1);

        labels.delete("shared/footer", "stable", null, true, EDITOR);
        assertThat(problemOf(() -> labels.get("shared/footer", "stable"))).isEqualTo(Problem.NOT_FOUND);
        assertThat(labels.history("shared/footer", "stable", PageRequest.of(0, 5))
                        .items()
                        .get(0)
                        .toVersion())
                .isNull();
    }

    private void three(String name) {
        for (int i = 1; i <= 3; i++) {
            prompts.createVersion(name, RegistryTestSupport.text("version " + i), EDITOR);
        }
    }

    static Problem problemOf(Runnable action) {
        try {
            action.run();
        } catch (ParapetException e) {
            return e.problem();
        }
        return null;
    }
}
