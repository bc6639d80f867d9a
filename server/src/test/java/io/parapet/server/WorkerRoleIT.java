package io.parapet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parapet.eval.run.RunWorker;
import io.parapet.eval.schedule.ScheduleTicker;
import io.parapet.server.eval.EvalTestSupport;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code --role=worker}: an API server that does not execute evaluations only queues them; a worker process on the
 * same database, with no HTTP server, runs them through its own gateway.
 */
@MicronautTest(environments = "postgres", transactional = false)
class WorkerRoleIT extends EvalTestSupport {
    private Map<String, String> shared;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("parapet.eval.runner.enabled", "false");
        shared = properties;
        return properties;
    }

    @Test
    void a_worker_process_executes_the_runs_an_api_server_queued() {
        assertThat(server.getApplicationContext().findBean(RunWorker.class))
                .as("the API server executes no runs")
                .isEmpty();
        long id = start(spec("eval/bot#1", "")).get("id").asLong();
        assertThat(get("/api/v1/eval/runs/" + id, "viewer").json().get("status").asText())
                .isEqualTo("queued");

        Map<String, Object> worker = new HashMap<>(shared);
        worker.remove("micronaut.server.port");
        try (ApplicationContext context =
                ServerRole.WORKER.start(worker, new String[] {ServerRole.WORKER.argument}, "postgres")) {
            assertThat(context.findBean(EmbeddedServer.class).map(EmbeddedServer::isRunning))
                    .as("no HTTP server")
                    .hasValue(false);
            assertThat(context.findBean(ScheduleTicker.class))
                    .as("schedules tick here")
                    .isPresent();
            assertThat(context.getProperty("parapet.monitors.enabled", Boolean.class))
                    .as("the monitors stay in the streaming role")
                    .hasValue(false);
            JsonNode run = finished(id);
            assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("completed");
            assertThat(run.at("/progress/done").asInt()).isEqualTo(ITEMS);
            assertThat(run.at("/aggregates/passRate/rate").asDouble()).isEqualTo(1.0);
        }
    }
}
