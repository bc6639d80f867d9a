package io.parapet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parapet.core.Json;
import io.parapet.core.test.TestDatabase;
import io.parapet.streaming.KafkaEndpoint;
import io.parapet.streaming.monitor.Alert;
import io.parapet.streaming.monitor.MonitorTopics;
import io.parapet.streaming.webhooks.WebhookSender;
import io.parapet.streaming.webhooks.WebhookSignature;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signed alert webhooks: alerts arrive on parapet.alerts, the alert store queues a delivery per matching webhook,
 * and the sender POSTs them to a real HTTP receiver in this JVM, retrying failures.
 */
@MicronautTest(transactional = false)
class WebhooksIT extends ServerTestSupport {
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();
    private HttpServer receiver;

    record Received(String path, String delivery, String signature, String body) {}

    private String databaseUrl;
    private String databaseUser;
    private String databasePassword;

    @Inject
    KafkaEndpoint kafka;

    @Inject
    WebhookSender sender;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new java.util.HashMap<>(super.getProperties());
        properties.putAll(localKafka());
        properties.put("parapet.webhooks.poll-interval", "50ms");
        properties.put("parapet.webhooks.retry-base", "100ms");
        properties.put("parapet.webhooks.max-attempts", "4");
        properties.put("parapet.webhooks.timeout", "2s");
        databaseUrl = properties.get("datasources.default.url");
        databaseUser = properties.get("datasources.default.username");
        databasePassword = properties.get("datasources.default.password");
        return properties;
    }

    @BeforeAll
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("X-Parapet-Delivery"),
                    exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER),
                    body));
            String path = exchange.getRequestURI().getPath();
            Integer status =
                    path.startsWith("/fail") ? Integer.valueOf(500) : path.equals("/retry") ? answers.poll() : null;
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        receiver.start();
    }

    @AfterAll
    void stopReceiver() {
        receiver.stop(0);
    }

    private String receiverUrl(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    private JsonNode create(String name, String url, String monitor, String prompt) {
        String body = Json.write(Map.of("name", name, "url", url, "monitor", monitor, "prompt", prompt));
        Reply reply = post("/api/v1/webhooks", "admin", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json();
    }

    private void publish(String monitor, String subject, int n) throws Exception {
        Instant start = Instant.parse("2026-11-23T10:00:00Z");
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(
                        "bootstrap.servers", kafka.resolve().orElseThrow().bootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < n; i++) {
                Alert a = new Alert(
                        monitor + "|" + subject + "|1m|" + i,
                        monitor,
                        subject,
                        "1m",
                        start.plusSeconds(60L * i),
                        start.plusSeconds(60L * i + 60),
                        0.5,
                        0.2,
                        30,
                        "test alert " + i);
                producer.send(new ProducerRecord<>(MonitorTopics.ALERTS, a.id(), a.toJson()));
            }
        }
    }

    private JsonNode deliveries(long webhook) {
        return get("/api/v1/webhooks/" + webhook + "/deliveries", "admin")
                .json()
                .get("items");
    }

    @Test
    void onlyAdminsAddWebhooksAndBadInputChangesNothing() {
        String ok = Json.write(Map.of("name", "ops", "url", receiverUrl("/x")));
        assertThat(call("POST", "/api/v1/webhooks", "editor", ok).status()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/webhooks", null, ok).status()).isEqualTo(401);
        for (String bad : List.of(
                "{\"name\":\"ops\",\"url\":\"ftp://example.com/hook\"}",
                "{\"name\":\"ops\",\"url\":\"not a url\"}",
                "{\"name\":\"ops\",\"url\":\"https://user:pw@example.com/hook\"}",
                "{\"url\":\"https://example.com/hook\"}")) {
            Reply reply = post("/api/v1/webhooks", "admin", bad);
            assertThat(reply.status()).as(bad).isEqualTo(400);
            assertThat(reply.body()).as(bad).contains("\"field\"");
        }
        assertThat(get("/api/v1/webhooks", "admin").json().toString()).doesNotContain("ops");
    }

    @Test
    void anAlertIsDeliveredSignedAndRetriedUntilTheReceiverTakesIt() throws Exception {
        JsonNode created = create("retry", receiverUrl("/retry"), "toxicity", "hooks/retry");
        String secret = created.get("secret").asText();
        long id = created.at("/webhook/id").asLong();
        assertThat(secret).startsWith("whsec_");
        assertThat(get("/api/v1/webhooks", "admin").body())
                .doesNotContain(secret)
                .contains("retry");
        assertThat(get("/api/v1/audit?action=webhook.create", "admin").body()).doesNotContain(secret);

        answers.addAll(List.of(500, 503)); // the receiver fails twice, then takes it
        publish("toxicity", "hooks/retry#1", 1);
        publish("error-rate", "hooks/retry#1", 1); // another monitor: not for this webhook
        publish("toxicity", "hooks/other#1", 1); // another prompt: not for this webhook

        JsonNode delivery = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> deliveries(id),
                        d -> d.size() == 1 && d.get(0).get("state").asText().equals("delivered"))
                .get(0);
        assertThat(delivery.get("attempts").asInt()).isEqualTo(3);
        assertThat(delivery.get("lastStatus").asInt()).isEqualTo(200);
        List<Received> calls =
                received.stream().filter(r -> r.path().equals("/retry")).toList();
        assertThat(calls).hasSize(3);
        assertThat(calls)
                .extracting(Received::delivery)
                .containsOnly(delivery.get("id").asText());
        for (Received r : calls) {
            assertThat(WebhookSignature.verify(secret, r.signature(), r.body())).isTrue();
            assertThat(WebhookSignature.verify(secret, r.signature(), r.body().replace("0.5", "0.1")))
                    .isFalse();
        }
        JsonNode body = Json.read(calls.get(2).body());
        assertThat(body.get("type").asText()).isEqualTo("parapet.alert");
        assertThat(body.at("/alert/monitor").asText()).isEqualTo("toxicity");
        assertThat(body.at("/alert/subject").asText()).isEqualTo("hooks/retry#1");
        assertThat(body.get("attempt").asInt()).isEqualTo(3);
    }

    @Test
    void anUnreachableReceiverEndsInAFailedDeliveryWithItsReason() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        long id = create("down", "http://127.0.0.1:" + closedPort + "/hook", "error-rate", "hooks/down")
                .at("/webhook/id")
                .asLong();
        publish("error-rate", "hooks/down#1", 1);
        JsonNode delivery = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> deliveries(id),
                        d -> d.size() == 1 && d.get(0).get("state").asText().equals("failed"))
                .get(0);
        assertThat(delivery.get("attempts").asInt()).isEqualTo(4);
        assertThat(delivery.get("lastError").asText()).contains("ConnectException");
    }

    @Test
    void aSecretThatCannotBeDecryptedFailsTheDeliveryAtOnce() throws Exception {
        long id = create("undecryptable", receiverUrl("/ok"), "error-rate", "hooks/sealed")
                .at("/webhook/id")
                .asLong();
        try (Connection c = DriverManager.getConnection(databaseUrl, databaseUser, databasePassword);
                var s = c.prepareStatement(
                        "UPDATE alert_webhook SET secret = 'v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAA' WHERE id = ?")) {
            s.setLong(1, id);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        publish("error-rate", "hooks/sealed#1", 1);
        JsonNode delivery = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> deliveries(id),
                        d -> d.size() == 1 && !d.get(0).get("state").asText().equals("pending"))
                .get(0);
        assertThat(delivery.get("state").asText()).isEqualTo("failed");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
        assertThat(delivery.get("lastError").asText())
                .contains("cannot be decrypted")
                .doesNotContain("v1:");
        assertThat(received).noneMatch(r -> r.path().equals("/ok") && r.body().contains("hooks/sealed"));
    }

    @Test
    void anAlertDeliveredTwiceIsStoredAndSentOnce() throws Exception {
        long id = create("twice", receiverUrl("/twice"), "toxicity", "hooks/twice")
                .at("/webhook/id")
                .asLong();
        publish("toxicity", "hooks/twice#1", 1);
        publish("toxicity", "hooks/twice#1", 1); // the same alert id again, as a redelivery brings it

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> received.stream().anyMatch(r -> r.path().equals("/twice")));
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() ->
                        received.stream().filter(r -> r.path().equals("/twice")).count() == 1);
        assertThat(deliveries(id)).hasSize(1);
        try (Connection c = DriverManager.getConnection(databaseUrl, databaseUser, databasePassword);
                var rs = c.createStatement()
                        .executeQuery("SELECT count(*) FROM monitor_alert WHERE subject = 'hooks/twice#1'")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(1);
        }
    }

    @Test
    void aDatabaseOutageDelaysDeliveriesAndLosesNone() throws Exception {
        long id = create("outage", receiverUrl("/outage"), "error-rate", "hooks/outage")
                .at("/webhook/id")
                .asLong();
        TestDatabase.cutOff(databaseUrl, true);
        try {
            publish("error-rate", "hooks/outage#1", 2); // the alert store and the sender both meet the outage
            Thread.sleep(3000);
        } finally {
            TestDatabase.cutOff(databaseUrl, false);
        }
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> deliveries(id),
                        d -> d.size() == 2
                                && d.get(0).get("state").asText().equals("delivered")
                                && d.get(1).get("state").asText().equals("delivered"));
        Thread.sleep(500);
        assertThat(received.stream().filter(r -> r.path().equals("/outage")).map(Received::delivery))
                .hasSize(2)
                .doesNotHaveDuplicates();
    }

    @Test
    void concurrentSendersDeliverEachAlertOnce() throws Exception {
        long id = create("many", receiverUrl("/many"), "latency", "hooks/many")
                .at("/webhook/id")
                .asLong();
        publish("latency-p95", "hooks/many#1", 30);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> get("/api/v1/webhooks/" + id + "/deliveries?size=100", "admin")
                                .json()
                                .get("total")
                                .asLong()
                        == 30);
        // The sender's own thread, plus two more calling it at once (as three instances would).
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = List.of(pool.submit(sender::sendDue), pool.submit(sender::sendDue));
            for (Future<Integer> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        received.stream().filter(r -> r.path().equals("/many")).count() >= 30);
        Thread.sleep(500);
        List<String> ids = received.stream()
                .filter(r -> r.path().equals("/many"))
                .map(Received::delivery)
                .toList();
        assertThat(ids).hasSize(30).doesNotHaveDuplicates();
    }

    @Test
    void switchingAWebhookOffFailsItsPendingDeliveriesAndKeepsTheLog() throws Exception {
        long id = create("off", receiverUrl("/fail/off"), "blocks", "hooks/off")
                .at("/webhook/id")
                .asLong();
        publish("blocks", "hooks/off#1", 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> deliveries(id).size() == 1);
        Reply off = call("DELETE", "/api/v1/webhooks/" + id, "admin", null);
        assertThat(off.status()).isEqualTo(200);
        assertThat(off.json().get("enabled").asBoolean()).isFalse();
        assertThat(call("DELETE", "/api/v1/webhooks/" + id, "admin", null).status())
                .isEqualTo(409);
        assertThat(call("DELETE", "/api/v1/webhooks/999999", "admin", null).status())
                .isEqualTo(404);
        JsonNode delivery = deliveries(id).get(0);
        // Failed either way: switched off while pending, or out of attempts first; never sent again.
        assertThat(delivery.get("state").asText()).isEqualTo("failed");
        long sent = received.stream().filter(r -> r.path().equals("/fail/off")).count();
        Thread.sleep(1000);
        assertThat(received.stream().filter(r -> r.path().equals("/fail/off")).count())
                .isEqualTo(sent);
        assertThat(get("/api/v1/audit?action=webhook.disable", "admin")
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(1);
    }
}
