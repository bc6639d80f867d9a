package io.parapet.server.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parapet.core.Json;
import io.parapet.server.ServerTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Dataset bundles: the labelled and latest versions exported as one JSONL file, applied elsewhere as the same
 * content-addressed versions with the same labels, idempotent, all or nothing, dry-runnable, and safe when two
 * applies race.
 */
@MicronautTest(environments = "postgres", transactional = false)
class DatasetBundleIT extends ServerTestSupport {

    private Reply importRows(String name, String rows) {
        return call("POST", "/api/v1/datasets/" + name + "/import", "editor", rows, "Content-Type", "text/plain");
    }

    private Reply apply(String name, String bundle, boolean dryRun) {
        return call(
                "POST",
                "/api/v1/datasets/" + name + "/bundle" + (dryRun ? "?dryRun=true" : ""),
                "editor",
                bundle,
                "Content-Type",
                "application/x-ndjson");
    }

    private String source() {
        importRows("bundle/src", "{\"id\":\"a\",\"q\":\"one\"}\n{\"id\":\"b\",\"q\":\"two\"}\n");
        importRows(
                "bundle/src",
                "{\"id\":\"a\",\"q\":\"one\"}\n{\"id\":\"b\",\"q\":\"two\"}\n{\"id\":\"c\",\"q\":\"3\"}\n");
        importRows("bundle/src", "{\"id\":\"z\",\"q\":\"last\",\"expected\":{\"k\":[1,2]},\"tags\":[\"t\"]}\n");
        call(
                "PUT",
                "/api/v1/datasets/bundle/src/labels/golden",
                "editor",
                "{\"version\":1}",
                "Content-Type",
                "application/json");
        Reply exported = get("/api/v1/datasets/bundle/src/bundle", "viewer");
        assertThat(exported.status()).isEqualTo(200);
        return exported.body();
    }

    @Test
    void a_bundle_recreates_the_labelled_and_latest_versions_and_applies_once() {
        String bundle = source();
        String[] lines = bundle.split("\n");
        JsonNode header = Json.read(lines[0]);
        assertThat(header.get("apiVersion").asText()).isEqualTo("parapet/v1");
        assertThat(header.at("/versions/0/version").asInt()).isEqualTo(1);
        assertThat(header.at("/versions/1/version").asInt())
                .as("version 2 is neither labelled nor latest")
                .isEqualTo(3);
        assertThat(header.at("/labels/golden").asInt()).isEqualTo(1);
        assertThat(lines).hasSize(1 + 2 + 1);

        long audits = auditTotal();
        JsonNode plan = apply("bundle/copy", bundle, true).json();
        assertThat(plan.get("dryRun").asBoolean()).isTrue();
        assertThat(plan.get("changes")).hasSize(3);
        assertThat(plan.at("/changes/2/target").asText()).isEqualTo("bundle/copy@golden");
        assertThat(get("/api/v1/datasets/bundle/copy", "viewer").status())
                .as("a dry run stores nothing")
                .isEqualTo(404);
        assertThat(auditTotal()).isEqualTo(audits);

        Reply applied = apply("bundle/copy", bundle, false);
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        assertThat(applied.json().get("changes")).hasSize(3);
        assertThat(hash("bundle/copy", "golden")).isEqualTo(hash("bundle/src", "1"));
        assertThat(hash("bundle/copy", "latest")).isEqualTo(hash("bundle/src", "3"));
        assertThat(get("/api/v1/datasets/bundle/copy/bundle", "viewer").body().split("\n", 2)[1])
                .as("the items come back as they went")
                .isEqualTo(bundle.split("\n", 2)[1]);

        assertThat(apply("bundle/copy", bundle, false).json().get("changes"))
                .as("applied twice")
                .isEmpty();
        assertThat(apply("bundle/src", bundle, false).json().get("changes"))
                .as("onto its source")
                .isEmpty();
    }

    @Test
    void a_broken_bundle_is_refused_with_where_and_changes_nothing() {
        String bundle = source();
        String header = bundle.split("\n")[0];
        long audits = auditTotal();
        assertThat(apply("bundle/bad", "not a header\n", false)
                        .json()
                        .at("/errors/0/field")
                        .asText())
                .isEqualTo("line 1");
        assertThat(apply("bundle/bad", bundle.replace("parapet/v1", "parapet/v9"), false)
                        .json()
                        .at("/errors/0/field")
                        .asText())
                .isEqualTo("apiVersion");
        assertThat(apply("bundle/bad", bundle + "{\"id\":\"extra\",\"q\":\"x\"}\n", false)
                        .body())
                .contains("lines follow the last version");
        String[] lines = bundle.split("\n");
        assertThat(apply("bundle/bad", lines[0] + "\n" + lines[1] + "\n", false).body())
                .contains("ends inside version 1");
        Reply badItem = apply("bundle/bad", bundle.replace("\"variables\":{\"q\":\"two\"}", "\"variables\":7"), false);
        assertThat(badItem.status()).isEqualTo(400);
        assertThat(badItem.json().at("/errors/0/field").asText()).isEqualTo("version 1 item 2");
        assertThat(apply("bundle/bad", bundle.replace("\"golden\":1", "\"golden\":2"), false)
                        .json()
                        .at("/errors/0/field")
                        .asText())
                .isEqualTo("labels.golden");
        assertThat(call("POST", "/api/v1/datasets/bundle/bad/bundle", "viewer", bundle)
                        .status())
                .isEqualTo(403);
        // The last version fails after the first was stored: the transaction takes the first back too.
        assertThat(apply("bundle/bad", bundle.replace("\"variables\":{\"q\":\"last\"}", "\"variables\":7"), false)
                        .status())
                .isEqualTo(400);
        Reply surrogate = apply("bundle/bad", bundle.replace("\"last\"", "\"\\uD800\""), false);
        assertThat(surrogate.status()).as(surrogate.body()).isEqualTo(400);
        assertThat(get("/api/v1/datasets/bundle/bad", "viewer").status()).isEqualTo(404);
        assertThat(auditTotal()).isEqualTo(audits);
        assertThat(header).contains("\"golden\":1");
    }

    @Test
    void two_applies_racing_make_each_version_once() throws Exception {
        String bundle = source().replace("\"name\":\"bundle/src\"", "\"name\":\"bundle/race\"");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<Reply> task = () -> apply("bundle/race", bundle, false);
                replies.add(pool.submit(task));
            }
            int changes = 0;
            for (Future<Reply> r : replies) {
                Reply reply = r.get();
                assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                changes += reply.json().get("changes").size();
            }
            assertThat(changes)
                    .as("2 versions and 1 label, made by whichever apply came first")
                    .isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
        JsonNode versions =
                get("/api/v1/datasets/bundle/race/versions", "viewer").json();
        assertThat(versions.get("total").asInt()).isEqualTo(2);
    }

    private String hash(String dataset, String ref) {
        return get("/api/v1/datasets/" + dataset + "/versions/" + ref, "viewer")
                .json()
                .get("contentHash")
                .asText();
    }
}
