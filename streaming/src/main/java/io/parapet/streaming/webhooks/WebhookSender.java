package io.parapet.streaming.webhooks;

import io.github.resilience4j.core.IntervalFunction;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.event.annotation.EventListener;
import io.parapet.core.CredentialCipher;
import io.parapet.core.OutboundUrlPolicy;
import io.parapet.core.ParapetException;
import io.parapet.streaming.alerts.Alerts;
import io.parapet.streaming.alerts.MonitorAlert;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends queued alert deliveries, signed, and retries failures with growing, jittered waits. Each due delivery is
 * claimed in a short transaction ({@code FOR UPDATE SKIP LOCKED}, then leased for twice the timeout), sent outside
 * it, and its outcome recorded after; so several instances share the queue, and one that dies mid-send leaves the
 * delivery to be retried when the lease ends. A receiver may thus see a delivery twice: {@code X-Parapet-Delivery}
 * is its id for deduplication.
 */
@Singleton
@Requires(property = "parapet.webhooks.enabled", notEquals = "false")
public class WebhookSender {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
    private static final int BATCH = 10;
    private static final String CLAIM = "SELECT id, webhook_id, alert_id, attempts FROM webhook_delivery"
            + " WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?"
            + " FOR UPDATE SKIP LOCKED";
    private static final String LEASE =
            "UPDATE webhook_delivery SET attempts = attempts + 1, next_attempt_at = ?" + " WHERE id = ?";
    private static final String WEBHOOK = "SELECT name, url, secret FROM alert_webhook WHERE id = ?";
    private static final String RECORD = "UPDATE webhook_delivery SET state = ?, next_attempt_at = ?, last_status = ?,"
            + " last_error = ?, delivered_at = ? WHERE id = ? AND state = 'pending'";

    private record Claimed(long id, long webhookId, long alertId, int attempt) {}

    /** {@code permanent}: retrying cannot help (the secret cannot be decrypted), so the delivery fails now. */
    private record Outcome(boolean delivered, Integer status, String error, boolean permanent) {
        Outcome(boolean delivered, Integer status, String error) {
            this(delivered, status, error, false);
        }
    }

    private final DataSource dataSource;
    private final WebhookSettings settings;
    private final CredentialCipher cipher;
    private final Alerts alerts;
    private final JsonMapper json;
    private final Clock clock;
    private final HttpClient http;
    private final IntervalFunction backoff;
    private final OutboundUrlPolicy outbound;
    private volatile Thread thread;

    WebhookSender(
            DataSource dataSource,
            WebhookSettings settings,
            CredentialCipher cipher,
            Alerts alerts,
            JsonMapper json,
            Clock clock,
            OutboundUrlPolicy outbound) {
        this.outbound = outbound;
        // Plain JDBC outside Micronaut's transactions: the pool itself, not the transaction-aware proxy.
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.settings = settings;
        this.cipher = cipher;
        this.alerts = alerts;
        this.json = json;
        this.clock = clock;
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(settings.retryBase(), 2.0, 0.2, settings.retryMax());
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @EventListener
    synchronized void onStartup(StartupEvent event) {
        thread = Thread.ofPlatform().name("parapet-webhooks").daemon().start(this::run);
    }

    @EventListener
    void onShutdown(ShutdownEvent event) throws InterruptedException {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            t.join(settings.timeout().toMillis() + 1000);
        }
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (sendDue() == 0) {
                    Thread.sleep(settings.pollInterval().toMillis());
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception | AssertionError e) {
                // The database may be away; the queue waits in it, nothing is lost.
                LOG.warn("webhook deliveries paused: {}", e.toString());
                try {
                    Thread.sleep(Math.max(1000, settings.pollInterval().toMillis()));
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /** Sends every delivery due now (a batch at a time); returns how many were attempted. */
    public int sendDue() throws SQLException, InterruptedException {
        int sent = 0;
        List<Claimed> batch;
        do {
            batch = claim();
            for (Claimed c : batch) {
                record(c, attempt(c));
            }
            sent += batch.size();
        } while (batch.size() == BATCH);
        return sent;
    }

    private List<Claimed> claim() throws SQLException {
        Instant now = clock.instant();
        List<Claimed> claimed = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement select = c.prepareStatement(CLAIM);
                    PreparedStatement lease = c.prepareStatement(LEASE)) {
                select.setTimestamp(1, Timestamp.from(now));
                select.setInt(2, BATCH);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(new Claimed(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4) + 1));
                    }
                }
                for (Claimed d : claimed) {
                    lease.setTimestamp(
                            1, Timestamp.from(now.plus(settings.timeout().multipliedBy(2))));
                    lease.setLong(2, d.id());
                    lease.addBatch();
                }
                lease.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return claimed;
    }

    private Outcome attempt(Claimed d) throws SQLException, InterruptedException {
        String name;
        String url;
        String sealed;
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(WEBHOOK)) {
            s.setLong(1, d.webhookId());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                name = rs.getString(1);
                url = rs.getString(2);
                sealed = rs.getString(3);
            }
        }
        String secret;
        try {
            secret = cipher.decrypt(sealed);
        } catch (RuntimeException e) {
            return new Outcome(
                    false,
                    null,
                    "the webhook's signing secret cannot be decrypted (was PARAPET_MASTER_KEY"
                            + " changed?): create the webhook again",
                    true);
        }
        String refused = outbound.refusal(url);
        if (refused != null) {
            return new Outcome(false, null, "the outbound-URL policy refused the call: " + refused, true);
        }
        String body;
        try {
            body = body(d, name, alerts.get(d.alertId()));
        } catch (ParapetException | IOException e) {
            return new Outcome(false, null, "cannot build the delivery: " + e.getMessage());
        }
        long now = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Parapet-Webhooks/1")
                .header("X-Parapet-Delivery", String.valueOf(d.id()))
                .header("X-Parapet-Event", "alert")
                .header(WebhookSignature.HEADER, WebhookSignature.sign(secret, now, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status / 100 == 2
                    ? new Outcome(true, status, null)
                    : new Outcome(false, status, "the receiver answered " + status);
        } catch (IOException e) {
            return new Outcome(false, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private String body(Claimed d, String name, MonitorAlert alert) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "parapet.alert");
        body.put("delivery", d.id());
        body.put("webhook", name);
        body.put("attempt", d.attempt());
        body.put("alert", alert);
        return json.writeValueAsString(body);
    }

    private void record(Claimed d, Outcome outcome) throws SQLException {
        Instant now = clock.instant();
        boolean last = !outcome.delivered() && (outcome.permanent() || d.attempt() >= settings.maxAttempts());
        String state = outcome.delivered() ? "delivered" : last ? "failed" : "pending";
        if (!outcome.delivered()) {
            LOG.info(
                    "webhook delivery {} attempt {} failed ({}){}",
                    d.id(),
                    d.attempt(),
                    outcome.error(),
                    last ? "; giving up" : "");
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(RECORD)) {
            s.setString(1, state);
            s.setTimestamp(2, Timestamp.from(outcome.delivered() || last ? now : now.plus(backoff(d.attempt()))));
            if (outcome.status() == null) {
                s.setNull(3, java.sql.Types.INTEGER);
            } else {
                s.setInt(3, outcome.status());
            }
            String error = outcome.error();
            s.setString(4, error == null ? null : error.substring(0, Math.min(error.length(), 1000)));
            s.setTimestamp(5, outcome.delivered() ? Timestamp.from(now) : null);
            s.setLong(6, d.id());
            s.executeUpdate();
        }
    }

    /** retryBase × 2^(attempt−1), at most retryMax, ±20%: receivers that come back are not hit all at once. */
    private Duration backoff(int attempt) {
        return Duration.ofMillis(backoff.apply(attempt));
    }
}
