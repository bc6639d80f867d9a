package io.parapet.streaming.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.parapet.core.Json;
import io.parapet.streaming.monitor.drift.DriftSettings;
import io.parapet.streaming.monitor.online.OnlineSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MonitorTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private final MonitorSettings settings = new MonitorSettings(
            true,
            List.of(Duration.ofMinutes(1), Duration.ofMinutes(5)),
            Duration.ofSeconds(10),
            0.5,
            0.2,
            0.2,
            0.5,
            0.2,
            Duration.ofMillis(900),
            10,
            "",
            "monitor-test");
    private final AtomicInteger scored = new AtomicInteger();
    private MonitorDriver harness;
    private TestInputTopic<String, byte[]> completions;
    private TestOutputTopic<String, String> alerts;
    private TestOutputTopic<String, String> metrics;
    private TestOutputTopic<String, String> dlq;

    private void start(TextScorer scorer) {
        harness = new MonitorDriver(
                settings,
                DriftSettings.defaults(),
                OnlineSettings.defaults(),
                new MonitorPlugins(scorer, null, List.of()),
                T0);
        completions = harness.completions;
        alerts = harness.alerts;
        metrics = harness.metrics;
        dlq = harness.dlq;
    }

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private void send(String prompt, int version, Instant at, String finish, Double toxicity, double ms) {
        // The record's own timestamp is the relay's; the monitors must use the event's time instead.
        completions.pipeInput(
                prompt,
                Events.completion(prompt, version, at, finish, toxicity, ms).getBytes(StandardCharsets.UTF_8),
                at.plusSeconds(3600));
    }

    @Test
    void aToxicSpikeRaisesOneAlertWhenTheWindowCloses() {
        start(null);
        for (int i = 0; i < 20; i++) {
            send("support/bot", 3, T0.plusSeconds(i), "stop", i < 8 ? 0.9 : 0.1, 100);
        }
        assertThat(alerts.isEmpty()).as("nothing before the window closes").isTrue();
        send("support/bot", 3, T0.plusSeconds(71), "stop", 0.1, 100); // stream time passes end + grace
        var toxic = alerts.readValuesToList().stream()
                .map(Alert::fromJson)
                .filter(a -> a.monitor().equals("toxicity"))
                .toList();
        assertThat(toxic).hasSize(1);
        Alert alert = toxic.get(0);
        assertThat(alert.subject()).isEqualTo("support/bot#3");
        assertThat(alert.window()).isEqualTo("1m");
        assertThat(alert.windowStart()).isEqualTo(T0);
        assertThat(alert.value()).isEqualTo(0.4);
        assertThat(alert.threshold()).isEqualTo(0.2);
        assertThat(alert.samples()).isEqualTo(20);
        assertThat(alert.message()).contains("8 of 20 answers");
    }

    @Test
    void anEventDeliveredTwiceCountsOnce() {
        start(null);
        for (int i = 0; i < 10; i++) {
            String event = Events.completion("dup", 1, T0.plusSeconds(i), "stop", i < 4 ? 0.9 : 0.1, 100);
            byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
            completions.pipeInput("dup", bytes, T0.plusSeconds(3600));
            completions.pipeInput("dup", bytes, T0.plusSeconds(3601)); // the relay sent it again
        }
        send("dup", 1, T0.plusSeconds(200), "stop", 0.1, 100);

        var first = metrics.readValuesToList().stream()
                .map(Json::read)
                .filter(m -> m.path("window").asText().equals("1m")
                        && m.path("start").asText().equals(T0.toString()))
                .toList();
        assertThat(first)
                .singleElement()
                .satisfies(m -> assertThat(m.path("count").asLong()).isEqualTo(10));
    }

    @Test
    void benignTrafficAndSmallWindowsRaiseNothing() {
        start(null);
        for (int i = 0; i < 30; i++) {
            send("support/bot", 1, T0.plusSeconds(i), "stop", 0.05, 100);
        }
        for (int i = 0; i < 5; i++) { // toxic, but too few samples to say anything
            send("other", 1, T0.plusSeconds(i), "stop", 0.9, 100);
        }
        send("support/bot", 1, T0.plusSeconds(400), "stop", 0.05, 100);
        assertThat(alerts.isEmpty()).isTrue();
        assertThat(metrics.readKeyValuesToList()).extracting(kv -> kv.key).contains("support/bot#1", "other#1");
    }

    @Test
    void windowsSplitExactlyAtTheirBoundaries() {
        start(null);
        send("p", 1, T0.plusMillis(59_999), "stop", 0.1, 100);
        send("p", 1, T0.plusMillis(60_000), "stop", 0.1, 100);
        send("p", 1, T0.plusSeconds(200), "stop", 0.1, 100);
        var oneMinute = metrics.readValuesToList().stream()
                .map(Json::read)
                .filter(m -> m.path("window").asText().equals("1m"))
                .toList();
        assertThat(oneMinute)
                .extracting(
                        m -> m.path("start").asText() + "=" + m.path("count").asLong())
                .containsExactly(T0 + "=1", T0.plusSeconds(60) + "=1");
    }

    @Test
    void lateEventsCountWithinTheGraceAndAreDroppedAfterIt() {
        start(null);
        send("p", 1, T0.plusSeconds(10), "stop", 0.1, 100);
        send("p", 1, T0.plusSeconds(65), "stop", 0.1, 100); // stream time 65 s
        send("p", 1, T0.plusSeconds(30), "stop", 0.1, 100); // late for [0, 60) but within the 10 s grace
        send("p", 1, T0.plusSeconds(75), "stop", 0.1, 100); // closes [0, 60) at 70 s
        send("p", 1, T0.plusSeconds(40), "stop", 0.1, 100); // too late: its window has closed
        send("p", 1, T0.plusSeconds(200), "stop", 0.1, 100);
        var first = metrics.readValuesToList().stream()
                .map(Json::read)
                .filter(m -> m.path("window").asText().equals("1m")
                        && m.path("start").asText().equals(T0.toString()))
                .toList();
        assertThat(first).hasSize(1);
        assertThat(first.get(0).path("count").asLong()).isEqualTo(2);
    }

    @Test
    void blockErrorAndLatencyRatesHaveTheirOwnAlerts() {
        start(null);
        for (int i = 0; i < 20; i++) {
            String finish = i < 12 ? "input_blocked" : i < 17 ? "error" : "stop";
            send("p", 2, T0.plusSeconds(i), finish, null, i < 2 ? 100 : 1500);
        }
        send("p", 2, T0.plusSeconds(80), "stop", null, 100);
        var monitors = alerts.readValuesToList().stream()
                .map(Alert::fromJson)
                .filter(a -> a.window().equals("1m"))
                .map(Alert::monitor)
                .toList();
        assertThat(monitors).containsExactlyInAnyOrder("guardrail-block-rate", "error-rate", "latency-p95");
        var metric = metrics.readValuesToList().stream()
                .map(Json::read)
                .filter(m -> m.path("window").asText().equals("1m"))
                .findFirst()
                .orElseThrow();
        assertThat(metric.path("triggered").path("input/prompt-injection").asLong())
                .isEqualTo(12);
        assertThat(metric.path("latencyP95Ms").asDouble())
                .isCloseTo(1500.0, org.assertj.core.data.Offset.offset(15.0)); // 2 significant digits: 1%
    }

    @Test
    void unreadableRecordsGoToTheDeadLetterTopicAndTheStreamGoesOn() {
        start(null);
        completions.pipeInput("k", "{not json".getBytes(StandardCharsets.UTF_8), T0);
        String v2 = Events.completion("p", 1, T0, "stop", 0.1, 10).replace("completion.v1", "completion.v2");
        completions.pipeInput("k", v2.getBytes(StandardCharsets.UTF_8), T0);
        String noFinish = Events.completion("p", 1, T0, "stop", 0.1, 10).replace("\"finishReason\":\"stop\",", "");
        completions.pipeInput("k", noFinish.getBytes(StandardCharsets.UTF_8), T0);
        completions.pipeInput("k", (byte[]) null, T0);
        completions.pipeInput(
                "other", Events.completion("p", 1, T0, "stop", 0.1, 10).getBytes(StandardCharsets.UTF_8), T0);
        send("p", 1, T0, "stop", 0.1, 10);
        send("p", 1, T0.plusSeconds(100), "stop", 0.1, 10);
        var letters = dlq.readValuesToList().stream().map(Json::read).toList();
        assertThat(letters)
                .extracting(l -> l.path("reason").asText())
                .satisfiesExactly(
                        r -> assertThat(r).startsWith("invalid JSON"),
                        r -> assertThat(r)
                                .contains("unknown event type or schema version 'parapet.chat.completion.v2'"),
                        r -> assertThat(r).contains("missing field 'finishReason'"),
                        r -> assertThat(r).contains("empty record"),
                        r -> assertThat(r).contains("the record's key is 'other', not its prompt 'p'"));
        assertThat(new String(
                        Base64.getDecoder()
                                .decode(letters.get(0).path("original").asText()),
                        StandardCharsets.UTF_8))
                .isEqualTo("{not json");
        assertThat(letters.get(0).path("topic").asText()).isEqualTo("parapet.chat.completions");
        assertThat(metrics.readValuesToList()).isNotEmpty(); // the good events still made it
    }

    @Test
    void aPromptsOwnThresholdsReplaceTheDefaults() {
        start(null);
        // As the outbox writes them: a CloudEvent per change, keyed by prompt; the last one per key counts.
        harness.promptSettings.pipeInput("strict", settingsEvent("{\"toxicRate\":0.5}"));
        harness.promptSettings.pipeInput("strict", settingsEvent("{\"toxicRate\":0.05,\"minSamples\":5}"));
        for (int i = 0; i < 10; i++) { // 10% toxic, 30% failed
            String finish = i < 3 ? "error" : "stop";
            send("strict", 1, T0.plusSeconds(i), finish, i == 9 ? 0.9 : 0.1, 100);
            send("lenient", 1, T0.plusSeconds(i), finish, i == 9 ? 0.9 : 0.1, 100);
        }
        send("lenient", 1, T0.plusSeconds(80), "stop", 0.1, 100);
        var raised = alerts.readValuesToList().stream()
                .map(Alert::fromJson)
                .filter(a -> a.window().equals("1m"))
                .map(a -> a.monitor() + " " + a.subject())
                .toList();
        assertThat(raised)
                .containsExactlyInAnyOrder("toxicity strict#1", "error-rate strict#1", "error-rate lenient#1");
        assertThat(alerts.isEmpty()).isTrue();
    }

    private static String settingsEvent(String data) {
        return "{\"specversion\":\"1.0\",\"type\":\"parapet.monitor.settings.v1\",\"data\":" + data + "}";
    }

    @Test
    void aWaveOfAbusiveInputsAlertsEvenWhenTheGuardrailsBlockedMostOfIt() {
        start(null);
        // 12 abusive inputs, 9 of them blocked (no answer, so nothing for the answer monitor to see), 3 passed with
        // harmless answers; and 3 ordinary requests.
        for (int i = 0; i < 15; i++) {
            boolean abusive = i < 12;
            String finish = abusive && i < 9 ? "input_blocked" : "stop";
            String event =
                    Events.completion("p", 1, T0.plusSeconds(i), finish, finish.equals("stop") ? 0.05 : null, 10);
            completions.pipeInput(
                    "p",
                    Events.withInputToxicity(event, abusive ? 0.9 : 0.1).getBytes(StandardCharsets.UTF_8),
                    T0.plusSeconds(3600));
        }
        send("p", 1, T0.plusSeconds(90), "stop", 0.05, 10); // closes the first window
        List<Alert> raised =
                alerts.readValuesToList().stream().map(Alert::fromJson).toList();
        Alert toxicInput = raised.stream()
                .filter(a -> a.monitor().equals("toxic-input"))
                .findFirst()
                .orElseThrow();
        assertThat(toxicInput.value()).isEqualTo(12 / 15.0);
        assertThat(toxicInput.samples()).isEqualTo(15);
        assertThat(toxicInput.message()).contains("12 of 15 inputs").contains("9 requests were blocked");
        assertThat(raised).noneMatch(a -> a.monitor().equals("toxicity")); // the answers were all harmless
        var figures = metrics.readValuesToList().stream()
                .map(Json::read)
                .filter(m -> m.get("window").asText().equals("1m"))
                .findFirst()
                .orElseThrow();
        assertThat(figures.get("toxicInputRate").asDouble()).isEqualTo(0.8);
        assertThat(figures.get("inputScored").asLong()).isEqualTo(15);
    }

    @Test
    void inputsWithoutAToxicityScoreAreScoredToo() {
        start(text -> text.contains("idiot") ? 0.9 : 0.1);
        for (int i = 0; i < 10; i++) {
            completions.pipeInput(
                    "p",
                    Events.completion("p", 1, T0.plusSeconds(i), "input_blocked", null, 10, "you idiot", 3, "")
                            .getBytes(StandardCharsets.UTF_8),
                    T0.plusSeconds(3600));
        }
        send("p", 1, T0.plusSeconds(90), "stop", 0.05, 10);
        assertThat(alerts.readValuesToList().stream().map(Alert::fromJson).map(Alert::monitor))
                .contains("toxic-input");
    }

    @Test
    void eventsWithoutAToxicityScoreAreScored() {
        AtomicInteger inputs = new AtomicInteger();
        start(text -> {
            (text.equals("an answer") ? scored : inputs).incrementAndGet();
            return 0.8;
        });
        for (int i = 0; i < 10; i++) {
            send("p", 1, T0.plusSeconds(i), "stop", null, 10);
        }
        send("p", 1, T0.plusSeconds(90), "stop", 0.1, 10); // its answer carries its score: not scored again
        assertThat(scored.get()).isEqualTo(10);
        assertThat(inputs.get()).as("no event carried the input's score").isEqualTo(11);
        assertThat(alerts.readValuesToList().stream().map(Alert::fromJson).map(Alert::monitor))
                .contains("toxicity");
    }
}
