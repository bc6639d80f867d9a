package io.parapet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.parapet.core.Json;
import io.parapet.core.PageRequest;
import io.parapet.core.events.EventType;
import io.parapet.core.test.TestDatabase;
import io.parapet.streaming.KafkaEndpoint;
import io.parapet.streaming.alerts.Alerts;
import io.parapet.streaming.monitor.MonitorEngine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/** {@code --role=streaming}: the monitors and the alert store run, the HTTP server does not. */
class StreamingRoleIT {

    @Test
    void theStreamingRoleTurnsCompletionsIntoStoredAlertsWithoutAnHttpServer() throws Exception {
        Map<String, Object> properties = new HashMap<>(TestDatabase.create());
        properties.putAll(ServerTestSupport.localKafka());
        properties.put("parapet.monitors.enabled", "true");
        properties.put("parapet.monitors.windows", "10s");
        properties.put("parapet.monitors.grace", "0s");
        properties.put("parapet.monitors.min-samples", "5");
        properties.put("parapet.monitors.application-id", "role-it-" + System.nanoTime());
        try (ApplicationContext context =
                ServerRole.STREAMING.start(properties, new String[] {ServerRole.STREAMING.argument}, "test")) {
            assertThat(context.findBean(EmbeddedServer.class).map(EmbeddedServer::isRunning))
                    .as("no HTTP server")
                    .hasValue(false);
            MonitorEngine engine = context.getBean(MonitorEngine.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> engine.state()
                    .filter(s -> s == KafkaStreams.State.RUNNING)
                    .isPresent());
            String bootstrap =
                    context.getBean(KafkaEndpoint.class).resolve().orElseThrow().bootstrapServers();
            try (var producer = new KafkaProducer<>(
                    Map.<String, Object>of("bootstrap.servers", bootstrap),
                    new StringSerializer(),
                    new ByteArraySerializer())) {
                for (int i = 0; i < 6; i++) {
                    producer.send(new ProducerRecord<>(EventType.CHAT_COMPLETION.topic(), "role/p", event(i)));
                }
            }
            Alerts alerts = context.getBean(Alerts.class);
            // No later event comes: the window closes on the wall clock and its alert reaches the database.
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> alerts.list("role/p", "toxicity", null, new PageRequest(0, 10))
                                    .total()
                            == 1);
        }
    }

    private static byte[] event(int i) {
        var e = Json.mapper()
                .createObjectNode()
                .put("specversion", "1.0")
                .put("id", "role-" + i)
                .put("source", "/parapet/test")
                .put("type", EventType.CHAT_COMPLETION.type())
                .put("time", Instant.now().toString());
        var data = e.putObject("data")
                .put("prompt", "role/p")
                .put("promptVersion", 1)
                .put("model", "echo");
        data.put("finishReason", "stop").put("input", "hi").put("output", "you idiot");
        data.putObject("timings").put("totalMs", 50);
        data.putObject("tokens").put("input", 2).put("output", 2);
        data.putArray("guardrails")
                .addObject()
                .put("direction", "output")
                .put("scanner", "toxicity")
                .put("action", "warn")
                .put("score", 0.95)
                .put("triggered", true);
        return Json.write(e).getBytes(StandardCharsets.UTF_8);
    }
}
