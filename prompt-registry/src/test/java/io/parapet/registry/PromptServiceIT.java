package io.parapet.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parapet.core.PageRequest;
import io.parapet.core.ParapetException;
import io.parapet.core.Problem;
import io.parapet.core.audit.AuditLog;
import io.parapet.core.audit.AuditQuery;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@MicronautTest(transactional = false)
class PromptServiceIT extends RegistryTestSupport {
    @Inject
    PromptService prompts;

    @Inject
    AuditLog audit;

    @Inject
    DataSource dataSource;

    @Test
    void should_number_versions_and_return_the_latest_for_identical_content() {
        var first = prompts.createVersion("idem", text("Hello {{name}}"), EDITOR);
        var again = prompts.createVersion("idem", text("Hello {{name}}"), EDITOR);
        var second = prompts.createVersion("idem", text("Hi {{name}}"), EDITOR);

        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.value().version()).isEqualTo(1);
        assertThat(again.value().contentHash()).isEqualTo(first.value().contentHash());
        assertThat(second.value().version()).isEqualTo(2);
        assertThat(first.value().author()).isEqualTo("eddie");
        assertThat(first.value().variables()).containsExactly(new Variable("name", true, null, null));
    }

    @Test
    void should_give_50_concurrent_creates_distinct_gap_free_numbers() throws Exception {
        List<Integer> numbers = concurrently(50, i -> prompts.createVersion("race", text("variant " + i), EDITOR)
                .value()
                .version());
        assertThat(numbers).hasSize(50).doesNotHaveDuplicates();
        assertThat(numbers)
                .containsExactlyInAnyOrderElementsOf(
                        java.util.stream.IntStream.rangeClosed(1, 50).boxed().toList());
        assertThat(prompts.get("race").latestVersion()).isEqualTo(50);
    }

    @Test
    void should_create_identical_content_once_under_concurrency() throws Exception {
        List<Integer> numbers = concurrently(20, i -> prompts.createVersion("same", text("same text"), EDITOR)
                .value()
                .version());
        assertThat(numbers).containsOnly(1);
        assertThat(prompts.versions("same", PageRequest.of(0, 50)).total()).isEqualTo(1);
    }

    @Test
    void should_reject_update_and_delete_of_versions_in_the_database_itself() throws SQLException {
        prompts.createVersion("frozen", text("v1"), EDITOR);
        for (String sql : List.of(
                "UPDATE prompt_version SET commit_message = 'x'",
                "DELETE FROM prompt_version",
                "UPDATE audit_entry SET actor = 'mallory'",
                "DELETE FROM audit_entry")) {
            try (Connection c = RegistryTestSupport.rawConnection(dataSource)) {
                assertThatThrownBy(() -> c.createStatement().executeUpdate(sql))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("immutable");
            }
        }
        assertThat(prompts.version("frozen", 1).template()).isEqualTo("v1");
    }

    @Test
    void should_keep_the_type_fixed_and_change_nothing_when_it_differs() {
        prompts.createVersion("typed", text("plain"), EDITOR);
        long auditBefore = auditCount();
        assertThatThrownBy(() -> prompts.createVersion("typed", chat("sys", "user"), EDITOR))
                .isInstanceOf(ParapetException.class)
                .extracting(e -> ((ParapetException) e).problem())
                .isEqualTo(Problem.CONFLICT);
        assertThat(prompts.get("typed").latestVersion()).isEqualTo(1);
        assertThat(auditCount()).isEqualTo(auditBefore);
    }

    static List<String> invalidNames() {
        return List.of("Upper", "-leading", "", "a b", "x".repeat(129), "tab\tname", "a'; DROP TABLE prompt;--");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("invalidNames")
    void should_reject_invalid_names_without_creating_anything(String name) {
        assertThatThrownBy(() -> prompts.createVersion(name, text("x"), EDITOR)).isInstanceOf(ParapetException.class);
        assertThat(prompts.list(null, null, null, null, PageRequest.of(0, 200)).items())
                .noneMatch(p -> p.name().equals(name));
    }

    @Test
    void should_reject_declared_variables_missing_from_the_template() {
        var request = new CreateVersionRequest(
                PromptType.TEXT,
                "Hi {{a}}",
                null,
                List.of(new Variable("a", true, null, null), new Variable("b", true, null, null)),
                null,
                null,
                "x",
                null,
                null,
                null);
        assertThatThrownBy(() -> prompts.createVersion("declared", request, EDITOR))
                .hasMessageContaining("'b' is declared but not used");
    }

    @Test
    void should_render_strictly_with_defaults_and_optional_sections() {
        var request = new CreateVersionRequest(
                PromptType.TEXT,
                "Dear {{name}}{{#vip}}, valued member{{/vip}}. {{sign}}",
                null,
                List.of(
                        new Variable("name", true, null, null),
                        new Variable("vip", false, null, null),
                        new Variable("sign", null, "Team", null)),
                null,
                null,
                "x",
                List.of("staging"),
                null,
                null);
        prompts.createVersion("letter", request, EDITOR);

        assertThat(prompts.render("letter", "staging", null, Map.of("name", "Ann"))
                        .text())
                .isEqualTo("Dear Ann. Team");
        assertThat(prompts.render("letter", null, 1, Map.of("name", "Ann", "vip", true))
                        .text())
                .isEqualTo("Dear Ann, valued member. Team");
        assertThatThrownBy(() -> prompts.render("letter", "staging", null, Map.of()))
                .hasMessageContaining("variables.name is required");
        assertThatThrownBy(() -> prompts.render("letter", "staging", null, Map.of("name", "A", "nmae", "typo")))
                .hasMessageContaining("variables.nmae is not a variable");
    }

    @Test
    void should_404_on_a_missing_label_instead_of_falling_back() {
        prompts.createVersion("nolabel", text("x"), EDITOR);
        assertThatThrownBy(() -> prompts.resolve("nolabel", null, null))
                .isInstanceOf(ParapetException.class)
                .hasMessageContaining("has no label 'production'")
                .extracting(e -> ((ParapetException) e).problem())
                .isEqualTo(Problem.NOT_FOUND);
        assertThat(prompts.resolve("nolabel", "latest", null).version()).isEqualTo(1);
    }

    @Test
    void should_resolve_includes_and_reject_cycles_and_depth_over_five() {
        prompts.createVersion("inc/footer", withLabels(text("Bye {{who}}"), "production"), PUBLISHER);
        prompts.createVersion(
                "inc/letter", withLabels(text("Hi. {{> inc/footer@production}}"), "production"), PUBLISHER);
        assertThat(prompts.render("inc/letter", null, null, Map.of("who", "Ann"))
                        .text())
                .isEqualTo("Hi. Bye Ann");

        assertThatThrownBy(() -> prompts.createVersion("inc/footer", text("loop {{> inc/letter@production}}"), EDITOR))
                .hasMessageContaining("include cycle");
        assertThat(prompts.get("inc/footer").latestVersion()).isEqualTo(1);

        prompts.createVersion("deep/0", withLabels(text("end"), "production"), PUBLISHER);
        for (int i = 1; i <= 5; i++) {
            prompts.createVersion("deep/" + i, withLabels(text("{{> deep/" + (i - 1) + "}}"), "production"), PUBLISHER);
        }
        assertThat(prompts.render("deep/5", null, null, Map.of()).text()).isEqualTo("end");
        assertThatThrownBy(() -> prompts.createVersion("deep/6", text("{{> deep/5}}"), EDITOR))
                .hasMessageContaining("deeper than 5");
        assertThatThrownBy(() -> prompts.createVersion("dangling", text("{{> nowhere@production}}"), EDITOR))
                .hasMessageContaining("cannot resolve include");
    }

    @Test
    void should_store_bidi_controls_and_injection_payloads_verbatim() {
        String tricky = "abc \u202Eevil\u202C \u2066x\u2069 😀 '; DROP TABLE prompt; -- <script>alert(1)</script> {{{{";
        var request =
                new CreateVersionRequest(PromptType.TEXT, "{{v}}", null, null, null, null, tricky, null, tricky, null);
        var saved = prompts.createVersion("verbatim", request, EDITOR).value();
        assertThat(prompts.version("verbatim", 1).commitMessage()).isEqualTo(tricky);
        assertThat(prompts.get("verbatim").description()).isEqualTo(tricky);
        assertThat(prompts.render("verbatim", "latest", null, Map.of("v", tricky))
                        .text())
                .isEqualTo(tricky);
        assertThat(saved.version()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nul \u0000 byte", "lone \uD800 surrogate", "lone low \uDC00"})
    void should_reject_text_that_cannot_be_stored_exactly(String text) {
        assertThatThrownBy(() -> prompts.createVersion("unstorable", text(text), EDITOR))
                .isInstanceOf(ParapetException.class)
                .hasMessageMatching("(?s).*(NUL|surrogate).*");
        assertThatThrownBy(() -> prompts.get("unstorable")).hasMessageContaining("does not exist");
    }

    @Test
    void should_validate_response_format_as_json_schema() {
        var bad = new CreateVersionRequest(
                PromptType.TEXT, "x", null, null, null, Map.of("type", 12), "x", null, null, null);
        assertThatThrownBy(() -> prompts.createVersion("schema", bad, EDITOR))
                .hasMessageContaining("not a valid JSON Schema");
        var good = new CreateVersionRequest(
                PromptType.TEXT,
                "x",
                null,
                null,
                null,
                Map.of("type", "object", "properties", Map.of("answer", Map.of("type", "string"))),
                "x",
                null,
                null,
                null);
        assertThat(prompts.createVersion("schema", good, EDITOR).value().responseFormat())
                .containsEntry("type", "object");
    }

    @Test
    void should_diff_text_variables_and_parameters() {
        prompts.createVersion("diffed", text("line one\nHello {{name}}"), EDITOR);
        prompts.createVersion("diffed", text("line one\nHi {{name}} from {{place}}"), EDITOR);
        PromptDiff diff = prompts.diff("diffed", 1, 2);
        assertThat(diff.unified()).contains("-Hello {{name}}", "+Hi {{name}} from {{place}}");
        assertThat(diff.variables()).extracting(PromptDiff.Change::name).containsExactly("place");
        assertThat(diff.variables().get(0).before()).isNull();
    }

    @Test
    void should_search_by_text_and_filter_by_tag_and_folder() {
        var tagged = new CreateVersionRequest(
                PromptType.TEXT,
                "find the needle_here",
                null,
                null,
                null,
                null,
                "x",
                null,
                "d",
                List.of("billing", "en"));
        prompts.createVersion("search/one", tagged, EDITOR);
        prompts.createVersion("search/two", text("nothing to see"), EDITOR);
        prompts.createVersion("other/three", text("needle_here too"), EDITOR);

        assertThat(prompts.list("needle_here", null, null, null, PageRequest.of(0, 20))
                        .items())
                .extracting(PromptSummary::name)
                .containsExactly("other/three", "search/one");
        assertThat(prompts.list("needle%", null, null, null, PageRequest.of(0, 20))
                        .items())
                .isEmpty();
        assertThat(prompts.list(null, "billing", null, null, PageRequest.of(0, 20))
                        .items())
                .extracting(PromptSummary::name)
                .containsExactly("search/one");
        assertThat(prompts.list(null, null, "search", "-name", PageRequest.of(0, 20))
                        .items())
                .extracting(PromptSummary::name)
                .containsExactly("search/two", "search/one");
        var page = prompts.list(null, null, "search", null, PageRequest.of(1, 1));
        assertThat(page.total()).isEqualTo(2);
        assertThat(page.items()).extracting(PromptSummary::name).containsExactly("search/two");
    }

    @Test
    void should_audit_every_version_with_its_hash() {
        var v = prompts.createVersion("audited", text("x"), EDITOR).value();
        var entries = audit.find(
                        new AuditQuery("eddie", "prompt.version.create", "prompt", "audited#1", null, null),
                        PageRequest.of(0, 10))
                .items();
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).hashAfter()).isEqualTo(v.contentHash());
    }

    private long auditCount() {
        return audit.find(new AuditQuery(null, null, null, null, null, null), PageRequest.of(0, 1))
                .total();
    }

    static <T> List<T> concurrently(int n, java.util.function.IntFunction<T> task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.apply(index);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        }
    }
}
