package io.parapet.streaming.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.parapet.core.Json;
import io.parapet.streaming.monitor.drift.DriftSettings;
import io.parapet.streaming.monitor.online.CheckResult;
import io.parapet.streaming.monitor.online.OnlineCheck;
import io.parapet.streaming.monitor.online.OnlineSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Drift, the wall-clock window close and online evaluation, through the whole topology. */
class MonitorDriftTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final List<String> BILLING =
            List.of("invoice", "refund", "charge", "billing", "payment", "card", "receipt", "account");
    private static final List<String> FOOTBALL =
            List.of("match", "goal", "striker", "league", "referee", "penalty", "coach", "stadium");
    private final MonitorSettings settings = new MonitorSettings(
            true,
            List.of(Duration.ofMinutes(1)),
            Duration.ofSeconds(10),
            0.5,
            0.2,
            0.2,
            0.5,
            0.2,
            Duration.ZERO,
            10,
            "",
            "monitor-test");
    private final SplittableRandom random = new SplittableRandom(11);
    private MonitorDriver monitor;

    @AfterEach
    void stop() {
        if (monitor != null) {
            monitor.close();
        }
    }

    private void start(DriftSettings drift, OnlineSettings online, List<OnlineCheck> checks) {
        monitor = new MonitorDriver(
                settings, drift, online, new MonitorPlugins(null, MonitorDriftTest::bagOfWords, checks), T0);
    }

    private void startWithDrift() {
        start(
                DriftSettings.defaults().withReferenceSize(200).withEmbeddingsPerSecond(0),
                new OnlineSettings(0, 1, 8000),
                List.of());
    }

    /** Sends {@code n} events spread over the minute from {@code minute}, about {@code words} and so long. */
    private void traffic(int minute, int n, List<String> words, int tokens) {
        for (int i = 0; i < n; i++) {
            Instant at = T0.plusSeconds(60L * minute).plusMillis(i * (59_000L / n));
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 6; w++) {
                text.append(words.get(random.nextInt(words.size()))).append(' ');
            }
            int length = (int) Math.round(tokens * Math.exp(0.3 * random.nextGaussian()));
            monitor.send("p", Events.completion("p", 1, at, "stop", 0.05, 100, text.toString(), length, "ok"), at);
        }
    }

    private List<Alert> alerts() {
        return monitor.alerts.readValuesToList().stream().map(Alert::fromJson).toList();
    }

    @Test
    void trafficLikeTheReferenceRaisesNoDriftAndReportsItsScores() {
        startWithDrift();
        traffic(0, 200, BILLING, 40); // the reference
        for (int minute = 1; minute <= 5; minute++) {
            traffic(minute, 100, BILLING, 40);
        }
        traffic(7, 1, BILLING, 40); // closes minute 5
        assertThat(alerts()).isEmpty();
        JsonNode last = monitor.metrics.readValuesToList().stream()
                .map(Json::read)
                .reduce((a, b) -> b)
                .orElseThrow();
        assertThat(last.path("start").asText()).isEqualTo(T0.plusSeconds(300).toString());
        assertThat(last.path("drift").path("input_tokens").path("method").asText())
                .isEqualTo("psi");
        assertThat(last.path("drift").path("input_semantic").path("drifted").asBoolean())
                .isFalse();
        assertThat(last.path("drift").path("finish_reason").path("score").asDouble())
                .isLessThan(1);
    }

    @Test
    void aShiftedInputTopicRaisesASemanticDriftAlertForThatWindow() {
        startWithDrift();
        traffic(0, 200, BILLING, 40);
        traffic(1, 100, BILLING, 40);
        traffic(2, 100, FOOTBALL, 40);
        traffic(4, 1, BILLING, 40);
        List<Alert> alerts = alerts();
        assertThat(alerts).extracting(Alert::monitor).containsExactly("drift:input_semantic");
        Alert alert = alerts.get(0);
        assertThat(alert.windowStart()).isEqualTo(T0.plusSeconds(120));
        assertThat(alert.value()).isGreaterThan(alert.threshold());
        assertThat(alert.message()).contains("MMD²", "centroid cosine distance", "reference (200 samples)");
    }

    @Test
    void aPinnedReferenceStartsAgainFromItsTime() {
        startWithDrift();
        traffic(0, 200, BILLING, 40); // the first reference
        traffic(1, 100, FOOTBALL, 40); // drifted from billing
        Instant closesMinute1 = T0.plusSeconds(135);
        monitor.send("p", Events.completion("p", 1, closesMinute1, "stop", 0.05, 100), closesMinute1);
        // Pinned to minute 2: at the next window close the billing reference goes, and later events make the new one.
        monitor.promptSettings.pipeInput(
                "p", "{\"specversion\":\"1.0\",\"data\":{\"referenceSince\":\"" + T0.plusSeconds(120) + "\"}}");
        traffic(3, 200, FOOTBALL, 40);
        traffic(4, 100, FOOTBALL, 40); // like the new reference
        traffic(6, 1, FOOTBALL, 40);
        List<Alert> alerts = alerts();
        assertThat(alerts).extracting(Alert::monitor).contains("drift:input_semantic");
        assertThat(alerts).extracting(Alert::windowStart).containsOnly(T0.plusSeconds(60));
        JsonNode minute4 = monitor.metrics.readValuesToList().stream()
                .map(Json::read)
                .filter(m -> m.path("start").asText().equals(T0.plusSeconds(240).toString()))
                .findFirst()
                .orElseThrow();
        assertThat(minute4.path("drift").path("input_semantic").path("drifted").asBoolean())
                .as("compared with the new reference: %s", minute4.path("drift"))
                .isFalse();
        assertThat(minute4.path("drift").path("input_semantic").path("samples").asLong())
                .isEqualTo(100);
    }

    @Test
    void longerInputsRaiseATokenDriftAlert() {
        startWithDrift();
        traffic(0, 200, BILLING, 40);
        traffic(1, 100, BILLING, 120);
        traffic(3, 1, BILLING, 40);
        assertThat(alerts()).extracting(Alert::monitor).contains("drift:input_tokens");
    }

    @Test
    void noDriftVerdictBeforeTheReferenceIsComplete() {
        startWithDrift();
        traffic(0, 150, BILLING, 40); // the reference has 150 of its 200 events when the window closes
        monitor.advanceWallClock(Duration.ofSeconds(75));
        List<String> closed = monitor.metrics.readValuesToList();
        assertThat(closed).hasSize(1);
        assertThat(Json.read(closed.get(0)).path("drift").isEmpty()).isTrue();
    }

    @Test
    void theWallClockClosesAWindowWhenTrafficStops() {
        startWithDrift();
        traffic(0, 30, BILLING, 40);
        assertThat(monitor.metrics.isEmpty()).isTrue();
        monitor.advanceWallClock(Duration.ofSeconds(75)); // past the end (60 s) and the grace (10 s)
        List<JsonNode> closed =
                monitor.metrics.readValuesToList().stream().map(Json::read).toList();
        assertThat(closed).hasSize(1);
        assertThat(closed.get(0).path("count").asLong()).isEqualTo(30);
        // An event for the emitted window is late now, even though no later event has arrived.
        monitor.send("p", Events.completion("p", 1, T0.plusSeconds(50), "stop", 0.05, 100), T0.plusSeconds(50));
        monitor.advanceWallClock(Duration.ofSeconds(120));
        assertThat(monitor.metrics.readValuesToList()).isEmpty();
    }

    @Test
    void aBacklogIsNotClosedByTheWallClockWhileItsRecordsArrive() {
        startWithDrift();
        // Two hours of wall clock have passed (say, an outage); the events keep arriving, so each window still
        // closes on event time with all of its events.
        monitor.advanceWallClock(Duration.ofHours(2));
        traffic(0, 30, BILLING, 40);
        traffic(1, 30, BILLING, 40);
        traffic(3, 1, BILLING, 40);
        assertThat(monitor.metrics.readValuesToList().stream().map(Json::read))
                .extracting(m -> m.path("count").asLong())
                .containsExactly(30L, 30L);
    }

    @Test
    void aSampleOfCompletionsIsEvaluatedOnline() {
        OnlineCheck broken = new OnlineCheck() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public Optional<CheckResult> evaluate(Completion c) {
                throw new IllegalStateException("evaluator bug");
            }
        };
        start(DriftSettings.defaults(), new OnlineSettings(1.0, 3, 20), List.of(broken));
        Instant at = T0.plusSeconds(1);
        monitor.send("p", Events.completion("p", 1, at, "stop", 0.05, 100, "hi", 3, "a fine answer"), at);
        monitor.send("p", Events.completion("p", 1, at, "stop", 0.05, 100, "hi", 3, "x".repeat(50)), at);
        monitor.send("p", Events.completion("p", 1, at, "input_blocked", null, 100, "hi", 3, ""), at);
        List<JsonNode> results =
                monitor.evalOnline.readValuesToList().stream().map(Json::read).toList();
        assertThat(results).hasSize(3);
        assertThat(checks(results.get(0))).containsExactly("guardrails=true", "length=true", "broken=false");
        assertThat(checks(results.get(1))).containsExactly("guardrails=true", "length=false", "broken=false");
        assertThat(results.get(1).path("checks").get(1).path("detail").asText()).contains("50 chars, outside 3–20");
        assertThat(checks(results.get(2))).containsExactly("guardrails=false", "broken=false");
        assertThat(results)
                .allSatisfy(r -> assertThat(r.path("passed").asBoolean()).isFalse());
    }

    @Test
    void theOnlineSampleIsPickedByEventIdSoARedeliveryIsPickedAlike() {
        int picked = 0;
        for (int i = 0; i < 10_000; i++) {
            String id = "event-" + i;
            boolean once = Sampling.picks(id, 0.05);
            assertThat(Sampling.picks(id, 0.05)).isEqualTo(once);
            picked += once ? 1 : 0;
        }
        assertThat(picked).isBetween(420, 580);
    }

    private static List<String> checks(JsonNode result) {
        return java.util.stream.StreamSupport.stream(result.path("checks").spliterator(), false)
                .map(c -> c.path("name").asText() + "=" + c.path("passed").asBoolean())
                .toList();
    }

    /** A stand-in for MiniLM: words hashed into 64 dimensions, normalized. Texts on one topic land close. */
    static float[] bagOfWords(String text) {
        float[] v = new float[64];
        for (String word : text.toLowerCase(java.util.Locale.ROOT).split("\\W+")) {
            if (!word.isEmpty()) {
                v[Math.floorMod(word.hashCode(), v.length)] += 1;
            }
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        for (int i = 0; i < v.length && norm > 0; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }
}
