package io.parapet.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parapet.server.ServerTestSupport;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;

/** The monitoring page over stored alerts and figures (the monitors themselves are tested in MonitorsIT). */
@MicronautTest(transactional = false)
class UiMonitorPagesIT extends ServerTestSupport {
    private static final String XSS = "<script>alert(1)</script>";

    @Inject
    DataSource dataSource;

    @BeforeAll
    void storeAnAlertAndFigures() throws Exception {
        Instant start = Instant.parse("2026-11-23T10:00:00Z");
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                var alert = c.prepareStatement(
                        "INSERT INTO monitor_alert (alert_key, monitor, subject, prompt,"
                                + " window_size, window_start, window_end, observed, threshold, samples, message, state,"
                                + " created_at, updated_at) VALUES (?, 'toxicity', ?, ?, '1m', ?, ?, 0.4, 0.2, 20, ?, 'open', ?, ?)");
                var metric = c.prepareStatement("INSERT INTO monitor_metric (subject, prompt, window_size,"
                        + " window_start, figures) VALUES (?, ?, '1m', ?, ?)")) {
            alert.setString(1, "toxicity|shop/bot#2|1m|1");
            alert.setString(2, "shop/bot#2");
            alert.setString(3, "shop/bot");
            alert.setTimestamp(4, Timestamp.from(start));
            alert.setTimestamp(5, Timestamp.from(start.plusSeconds(60)));
            alert.setString(6, "8 of 20 answers were toxic: " + XSS);
            alert.setTimestamp(7, Timestamp.from(start));
            alert.setTimestamp(8, Timestamp.from(start));
            alert.executeUpdate();
            metric.setString(1, "shop/bot#2");
            metric.setString(2, "shop/bot");
            metric.setTimestamp(3, Timestamp.from(start));
            metric.setString(
                    4,
                    "{\"subject\":\"shop/bot#2\",\"window\":\"1m\",\"start\":\"2026-11-23T10:00:00Z\","
                            + "\"toxicRate\":0.4,\"blockRate\":0.05,\"errorRate\":0,\"latencyP95Ms\":420,"
                            + "\"drift\":{\"input_semantic\":{\"score\":1.7,\"drifted\":true}},\"note\":\""
                            + XSS + "\"}");
            metric.executeUpdate();
        }
    }

    @Test
    void alertsAreListedEscapedChartedAndWorkedOn() {
        UiClient viewer = UiClient.withKey(server.getURL().toString(), KEYS.get("viewer"));
        UiClient.Page page = viewer.get("/ui/monitors?prompt=shop/bot");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("shop/bot#2").contains("0.40 &gt; 0.20 over 20 events");
        assertThat(page.body()).doesNotContain(XSS).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(page.body()).contains("id=\"rates\"").contains("data-series=\"[{&#34;subject&#34;");
        assertThat(page.body()).contains("id=\"drift\"").contains("&#34;input_semantic&#34;:{&#34;score&#34;:1.7");
        assertThat(page.body()).doesNotContainPattern("<script(?![^>]*\\ssrc=)");
        // A viewer sees no buttons, and may not act.
        assertThat(page.body()).doesNotContain("name=\"action\" value=\"acknowledge\"");
        UiClient.Page refused = viewer.post("/ui/monitors/alerts", Map.of("id", "1", "action", "acknowledge"));
        assertThat(refused.status()).isEqualTo(403);

        UiClient editor = UiClient.withKey(server.getURL().toString(), KEYS.get("editor"));
        String editorPage = editor.get("/ui/monitors?prompt=shop/bot").body();
        String alertId = UiSessionIT.between(editorPage, "name=\"id\" value=\"", "\"");
        UiClient.Page acknowledged = editor.post(
                "/ui/monitors/alerts",
                Map.of("id", alertId, "action", "acknowledge", "prompt", "shop/bot", "state", "all"));
        assertThat(acknowledged.body())
                .contains("Alert " + alertId + " acknowledged.")
                .contains("by editor-key");
        UiClient.Page again = editor.post(
                "/ui/monitors/alerts",
                Map.of("id", alertId, "action", "acknowledge", "prompt", "shop/bot", "state", "all"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(editor.post("/ui/monitors/alerts", Map.of("id", alertId, "action", "resolve", "state", "resolved"))
                        .body())
                .contains("resolved.");
        assertThat(get("/api/v1/alerts/" + alertId, "viewer")
                        .json()
                        .get("state")
                        .asText())
                .isEqualTo("resolved");
    }

    @Test
    void withoutFiguresThePageSaysWhatToExpect() {
        UiClient viewer = UiClient.withKey(server.getURL().toString(), KEYS.get("viewer"));
        assertThat(viewer.get("/ui/monitors?prompt=quiet/prompt").body()).contains("No closed windows yet");
        assertThat(viewer.get("/ui/monitors?state=acknowledged").body()).contains("No acknowledged alerts.");
    }

    @Test
    void theChartsDrawInABrowserWithTheDriftThreshold() {
        try (Chromium chrome = new Chromium(1280, 900)) {
            chrome.scenario("monitors", () -> {
                chrome.signIn(server.getURL().toString(), KEYS.get("viewer"));
                chrome.driver.get(server.getURL() + "/ui/monitors?prompt=shop/bot");
                JavascriptExecutor js = chrome.driver;
                chrome.wait.until(d -> js.executeScript(
                                "return typeof Chart !== 'undefined' && !!Chart.getChart(document.getElementById('drift'))")
                        .equals(Boolean.TRUE));
                Object labels = js.executeScript(
                        "return Chart.getChart(document.getElementById('drift')).data.datasets.map(d => d.label)");
                assertThat(labels.toString()).contains("input_semantic", "alert threshold");
                Object rates = js.executeScript(
                        "return Chart.getChart(document.getElementById('rates')).data.datasets.length");
                assertThat(rates).isEqualTo(4L);
                js.executeScript("document.getElementById('drift-h').scrollIntoView()");
                chrome.screenshot("monitors-drift");
            });
        }
    }
}
