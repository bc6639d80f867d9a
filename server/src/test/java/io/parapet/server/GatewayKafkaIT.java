package io.parapet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parapet.core.Json;
import io.parapet.streaming.test.KafkaRecords;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The whole event path as local mode runs it: a chat request and a label move reach Kafka through the outbox and
 * the relay, on the broker the server starts inside its own JVM.
 */
@MicronautTest(transactional = false)
class GatewayKafkaIT extends ServerTestSupport {
    @jakarta.inject.Inject
    io.parapet.streaming.KafkaEndpoint kafka;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new java.util.HashMap<>(super.getProperties());
        properties.putAll(localKafka());
        return properties;
    }

    @Test
    void should_deliver_completion_and_prompt_change_events_to_kafka() throws Exception {
        post(
                "/api/v1/prompts/kafka/bot/versions",
                "publisher",
                "{\"template\":\"Be kind.\",\"commitMessage\":\"c\",\"labels\":[\"production\"]}");
        Reply reply = post(
                "/v1/chat/completions",
                "chat",
                "{\"model\":\"prompt:kafka/bot@production\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);

        List<ConsumerRecord<String, String>> completions = read("parapet.chat.completions", 1);
        assertThat(completions).hasSize(1);
        assertThat(completions.get(0).key()).isEqualTo("kafka/bot");
        JsonNode event = Json.read(completions.get(0).value());
        assertThat(event.at("/data/requestId").asText())
                .isEqualTo(reply.json().get("id").asText());

        List<ConsumerRecord<String, String>> changes = read("parapet.prompt.changes", 3).stream()
                .filter(r -> r.key().equals("kafka/bot")) // the built-in echo model's creation came first
                .toList();
        assertThat(changes)
                .extracting(r -> Json.read(r.value()).at("/data/change").asText())
                .containsExactly("version.create", "label.move");
    }

    private List<ConsumerRecord<String, String>> read(String topic, int count) throws Exception {
        return KafkaRecords.read(
                kafka.resolve().orElseThrow().bootstrapServers(), topic, "", count, Duration.ofSeconds(30));
    }
}
