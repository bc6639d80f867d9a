package io.parapet.server.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parapet.server.ServerTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Datasets over HTTP: imports with line errors, content addressing, labels, export round trips, limits, races. */
@MicronautTest(environments = "postgres", transactional = false)
class DatasetApiIT extends ServerTestSupport {
    private static final String GOOD = """
            {"id":"a","variables":{"question":"Where is my order?"},"expected":"order"}
            {"vars":{"question":"Can I get a refund?"},"expected":"refund","tags":["billing"]}
            {"question":"Flat rows are variables too","metadata":{"source":"faq"}}
            """;

    private Reply importText(String name, String format, String body, String... query) {
        String q = "?format=" + format + (query.length == 0 ? "" : "&" + String.join("&", query));
        return call("POST", "/api/v1/datasets/" + name + "/import" + q, "editor", body, "Content-Type", "text/plain");
    }

    @Test
    void should_report_invalid_rows_by_line_and_store_nothing_unless_skip_invalid() {
        String body = GOOD + "not json\n{\"variables\":{\"bad name\":1}}\n{\"id\":\"a\",\"variables\":{}}\n";
        long audits = auditTotal();

        Reply refused = importText("ds/lines", "jsonl", body);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        JsonNode errors = refused.json().get("errors");
        assertThat(errors).hasSize(3);
        assertThat(errors.get(0).get("field").asText()).isEqualTo("line 4");
        assertThat(errors.get(0).get("message").asText()).startsWith("not JSON");
        assertThat(errors.get(1).get("field").asText()).isEqualTo("line 5");
        assertThat(errors.get(1).get("message").asText()).contains("bad name");
        assertThat(errors.get(2).get("message").asText()).contains("id 'a' is used by an earlier row");
        assertThat(get("/api/v1/datasets/ds/lines", "viewer").status())
                .as("nothing stored")
                .isEqualTo(404);
        assertThat(auditTotal()).isEqualTo(audits);

        Reply skipped = importText("ds/lines", "jsonl", body, "skipInvalid=true", "commitMessage=first");
        assertThat(skipped.status()).as(skipped.body()).isEqualTo(201);
        assertThat(skipped.json().get("imported").asInt()).isEqualTo(3);
        assertThat(skipped.json().get("skipped").asInt()).isEqualTo(3);
        assertThat(skipped.json().at("/version/version").asInt()).isEqualTo(1);
        assertThat(auditTotal()).isEqualTo(audits + 1);

        Reply again = importText("ds/lines", "jsonl", GOOD);
        assertThat(again.status()).as("the same items are the same version").isEqualTo(200);
        assertThat(again.json().get("created").asBoolean()).isFalse();
        assertThat(again.json().at("/version/contentHash").asText())
                .isEqualTo(skipped.json().at("/version/contentHash").asText());

        JsonNode items = get("/api/v1/datasets/ds/lines/items?size=2", "viewer").json();
        assertThat(items.get("total").asInt()).isEqualTo(3);
        assertThat(items.get("items")).hasSize(2);
        assertThat(items.at("/items/0/id").asText()).isEqualTo("a");
        assertThat(items.at("/items/1/variables/question").asText()).isEqualTo("Can I get a refund?");
        assertThat(items.at("/items/1/tags/0").asText()).isEqualTo("billing");
    }

    @Test
    void should_import_csv_and_json_and_export_what_imports_back_to_the_same_version() {
        Reply csv = importText(
                "ds/csv",
                "csv",
                "id,question,expected,tags,metadata.source\nq1,\"Hi, there\",hello,a;b,faq\nq2,Bye,bye,,chat\n");
        assertThat(csv.status()).as(csv.body()).isEqualTo(201);
        JsonNode first = get("/api/v1/datasets/ds/csv/items", "viewer").json().at("/items/0");
        assertThat(first.at("/variables/question").asText()).isEqualTo("Hi, there");
        assertThat(first.at("/metadata/source").asText()).isEqualTo("faq");
        assertThat(first.at("/tags/1").asText()).isEqualTo("b");

        for (String format : List.of("jsonl", "json", "csv")) {
            Reply exported = get("/api/v1/datasets/ds/csv/export?format=" + format, "viewer");
            assertThat(exported.status()).isEqualTo(200);
            Reply back = importText("ds/csv-" + format, format, exported.body());
            assertThat(back.status()).as(format + ": " + back.body()).isEqualTo(201);
            assertThat(back.json().at("/version/contentHash").asText())
                    .as(format + " round trip")
                    .isEqualTo(csv.json().at("/version/contentHash").asText());
        }

        Reply broken = importText("ds/json", "json", "[{\"q\":1},\n{\"q\":");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.body()).contains("line 2");
        Reply ragged = importText("ds/csv2", "csv", "a,b\n1,2\n3\n");
        assertThat(ragged.status()).isEqualTo(400);
        assertThat(ragged.json().at("/errors/0/field").asText()).isEqualTo("line 3");
        assertThat(importText("ds/x", "xml", "<a/>")
                        .json()
                        .at("/errors/0/field")
                        .asText())
                .isEqualTo("format");
        assertThat(importText("ds/empty", "jsonl", "\n\n").status()).isEqualTo(400);
    }

    @Test
    void should_move_labels_with_if_match_and_resolve_them() {
        importText("ds/labels", "jsonl", "{\"q\":\"one\"}\n");
        importText("ds/labels", "jsonl", "{\"q\":\"two\"}\n");
        Reply created = call("PUT", "/api/v1/datasets/ds/labels/labels/golden", "editor", "{\"version\":1}");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(get("/api/v1/datasets/ds/labels/versions/golden", "viewer")
                        .json()
                        .get("version")
                        .asInt())
                .isEqualTo(1);
        assertThat(call("PUT", "/api/v1/datasets/ds/labels/labels/golden", "editor", "{\"version\":2}")
                        .status())
                .as("moving without If-Match")
                .isEqualTo(428);
        assertThat(call("PUT", "/api/v1/datasets/ds/labels/labels/golden", "editor", "{\"version\":2}", "If-Match", "7")
                        .status())
                .isEqualTo(412);
        assertThat(call("PUT", "/api/v1/datasets/ds/labels/labels/golden", "editor", "{\"version\":2}", "If-Match", "1")
                        .status())
                .isEqualTo(200);
        assertThat(get("/api/v1/datasets/ds/labels", "viewer")
                        .json()
                        .at("/labels/golden")
                        .asInt())
                .isEqualTo(2);
        assertThat(call("PUT", "/api/v1/datasets/ds/labels/labels/latest", "editor", "{\"version\":1}")
                        .status())
                .isEqualTo(400);
        assertThat(call("PUT", "/api/v1/datasets/ds/labels/labels/golden", "viewer", "{\"version\":1}")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void should_refuse_wrong_roles_and_big_json_bodies_but_stream_big_imports() {
        assertThat(importText("ds/roles", "jsonl", "{\"q\":1}\n").status()).isEqualTo(201);
        assertThat(call("POST", "/api/v1/datasets/ds/roles/import", "viewer", "{\"q\":1}\n")
                        .status())
                .isEqualTo(403);
        assertThat(get("/api/v1/datasets/ds/roles", "chat").status()).isEqualTo(403);

        String filler = "x".repeat(1000);
        StringBuilder big = new StringBuilder();
        for (int i = 0; big.length() < 2_200_000; i++) {
            big.append("{\"q\":\"").append(i).append(filler).append("\"}\n");
        }
        Reply streamed = importText("ds/big", "jsonl", big.toString());
        assertThat(streamed.status())
                .as("a 2 MB import streams past the 1 MiB buffered limit")
                .isEqualTo(201);
        String json = "{\"items\":[" + "{\"q\":\"" + "y".repeat(2_100_000) + "\"}]}";
        assertThat(post("/api/v1/datasets/ds/big2/versions", "editor", json).status())
                .as("a JSON body read whole stays bounded at 1 MiB")
                .isEqualTo(413);
        Reply huge = importText("ds/huge-item", "jsonl", "{\"q\":\"" + "z".repeat(300_000) + "\"}\n");
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.json().at("/errors/0/message").asText()).contains("at most 262144");
    }

    @Test
    void should_number_versions_once_when_editors_import_at_the_same_time() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int n = i;
            Callable<Reply> upload =
                    () -> importText("ds/race", "jsonl", "{\"q\":\"item " + n + "\"}\n{\"q\":\"x\"}\n");
            replies.add(pool.submit(upload));
        }
        List<Integer> versions = new ArrayList<>();
        for (Future<Reply> f : replies) {
            Reply r = f.get();
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            versions.add(r.json().at("/version/version").asInt());
        }
        pool.shutdown();
        assertThat(versions).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
        for (int v = 1; v <= 8; v++) {
            assertThat(get("/api/v1/datasets/ds/race/items?version=" + v, "viewer")
                            .json()
                            .get("total")
                            .asInt())
                    .isEqualTo(2);
        }
    }

    @Test
    void an_upload_refused_part_way_is_answered_at_once_not_after_the_idle_timeout() throws Exception {
        // The JDK client reads no answer until it has sent the whole body: the server must read the rest first.
        String body = "[ oops " + "x".repeat(10 * 1024 * 1024) + "]";
        var request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(server.getURL() + "/api/v1/datasets/ds/early/import?format=json"))
                .timeout(java.time.Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + KEYS.get("editor"))
                .header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build();
        var reply = java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(400);
        assertThat(get("/api/v1/datasets/ds/early", "viewer").status()).isEqualTo(404);
    }
}
