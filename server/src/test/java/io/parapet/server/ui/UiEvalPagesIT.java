package io.parapet.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parapet.server.ServerTestSupport;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The evaluation pages beyond runs: importing a dataset from pasted rows (every invalid row listed by line, nothing
 * stored unless asked), a dataset's versions and items with user text escaped, and the schedules form.
 */
@MicronautTest(environments = "postgres", transactional = false)
class UiEvalPagesIT extends ServerTestSupport {

    private UiClient as(String role) {
        return UiClient.withKey(server.getURL().toString(), KEYS.get(role));
    }

    @Test
    void an_import_lists_every_bad_line_stores_nothing_and_then_the_valid_rows_when_asked() {
        UiClient editor = as("editor");
        editor.get("/ui/eval/datasets/import");
        String rows = "{\"id\":\"a\",\"variables\":{\"q\":\"<script>alert(1)</script>\"},\"expected\":\"x\"}\n"
                + "not json\n"
                + "{\"id\":\"b\",\"variables\":{\"q\":\"fine\"}}\n"
                + "[1, 2]\n";
        Map<String, String> form =
                Map.of("name", "ui/faq", "format", "jsonl", "content", rows, "commitMessage", "first");
        long audits = auditTotal();
        UiClient.Page refused = editor.post("/ui/eval/datasets/import", form);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body())
                .contains("id=\"line-errors\"")
                .contains("<td>line 2</td>")
                .contains("<td>line 4</td>")
                .contains("2 of 4 rows are not valid items");
        assertThat(refused.body()).as("the typed rows are kept").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(get("/api/v1/datasets/ui/faq", "viewer").status()).isEqualTo(404);
        assertThat(auditTotal()).isEqualTo(audits);

        UiClient.Page stored = editor.post(
                "/ui/eval/datasets/import",
                Map.of("name", "ui/faq", "format", "jsonl", "content", rows, "skipInvalid", "on"));
        assertThat(stored.header("HX-Redirect")).isEqualTo("/ui/eval/datasets/ui/faq?version=1");

        UiClient.Page dataset = as("viewer").get("/ui/eval/datasets/ui/faq?version=1");
        assertThat(dataset.status()).isEqualTo(200);
        assertThat(dataset.body())
                .contains("id=\"items\"")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert(1)</script>")
                .contains("<td>b</td>");
        assertThat(as("viewer").get("/ui/eval/datasets/ui/none").status()).isEqualTo(404);
        assertThat(as("viewer").get("/ui/eval").body()).contains("href=\"/ui/eval/datasets/ui/faq\"");
    }

    @Test
    void the_schedules_form_creates_refuses_with_the_field_and_removes() {
        post(
                "/api/v1/prompts/ui/sched/versions",
                "editor",
                "{\"template\":\"Hi\",\"labels\":[\"production\"],\"commitMessage\":\"c\"}");
        call(
                "POST",
                "/api/v1/datasets/ui/sched-set/import",
                "editor",
                "{\"id\":\"a\",\"q\":\"x\"}\n",
                "Content-Type",
                "text/plain");
        UiClient editor = as("editor");
        UiClient viewer = as("viewer"); // signing in is audited too: both sign in before the count
        assertThat(editor.get("/ui/eval/schedules").body()).contains("id=\"no-schedules\"");
        Map<String, String> form = new java.util.HashMap<>(Map.of(
                "name", "ui/nightly",
                "prompt", "ui/sched@production",
                "dataset", "ui/sched-set",
                "evaluators", "[{\"name\": \"length\", \"config\": {\"min\": 1}}]",
                "cron", "every day",
                "minPassRate", "0.9",
                "catchUp", "skip",
                "concurrency", "4",
                "enabled", "on"));
        long audits = auditTotal();
        UiClient.Page badCron = editor.post("/ui/eval/schedules", form);
        assertThat(badCron.status()).isEqualTo(422);
        assertThat(badCron.body()).contains("cron").contains("value=\"every day\"");
        assertThat(auditTotal()).isEqualTo(audits);

        form.put("cron", "0 3 * * *");
        assertThat(editor.post("/ui/eval/schedules", form).header("HX-Redirect"))
                .isEqualTo("/ui/eval/schedules");
        assertThat(get("/api/v1/eval/schedules/ui/nightly", "viewer")
                        .json()
                        .get("minPassRate")
                        .asDouble())
                .isEqualTo(0.9);
        String page = viewer.get("/ui/eval/schedules").body();
        assertThat(page).contains("ui/sched@production on ui/sched-set").doesNotContain("id=\"schedule-save\"");

        editor.get("/ui/eval/schedules");
        assertThat(editor.post("/ui/eval/schedules/delete", Map.of("name", "ui/nightly"))
                        .header("HX-Redirect"))
                .isEqualTo("/ui/eval/schedules");
        assertThat(get("/api/v1/eval/schedules/ui/nightly", "viewer").status()).isEqualTo(404);
        assertThat(auditTotal()).isEqualTo(audits + 2);
    }
}
