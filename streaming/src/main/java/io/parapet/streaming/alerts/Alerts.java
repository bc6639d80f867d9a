package io.parapet.streaming.alerts;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.data.model.Sort;
import io.parapet.core.Actor;
import io.parapet.core.Json;
import io.parapet.core.Page;
import io.parapet.core.PageRequest;
import io.parapet.core.ParapetException;
import io.parapet.core.Role;
import io.parapet.core.audit.AuditLog;
import io.parapet.streaming.monitor.MonitorSettings;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/** The stored alerts and window figures: listing, acknowledging and resolving alerts, and the metrics series. */
@Singleton
public class Alerts {
    static final Set<String> STATES = Set.of("open", "acknowledged", "resolved");

    private final AlertRepository alerts;
    private final DataSource dataSource;
    private final AuditLog audit;
    private final Clock clock;
    private final List<String> windows;
    private final java.time.Duration shortestWindow;

    Alerts(AlertRepository alerts, DataSource dataSource, AuditLog audit, Clock clock, MonitorSettings settings) {
        this.windows = settings.windows().stream().map(MonitorSettings::label).toList();
        this.shortestWindow = settings.windows().get(0);
        this.alerts = alerts;
        // Plain JDBC outside Micronaut's transactions: the pool itself, not the transaction-aware proxy.
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<MonitorAlert> list(String prompt, String monitor, String state, PageRequest page) {
        if (state != null && !state.isBlank() && !STATES.contains(state)) {
            throw ParapetException.invalidField("state", "must be open, acknowledged or resolved");
        }
        return Page.of(alerts.search(
                        blank(prompt), blank(monitor), blank(state), page.pageable(Sort.of(Sort.Order.desc("id")))))
                .map(MonitorAlert::of);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public MonitorAlert get(long id) {
        return alerts.findById(id).map(MonitorAlert::of).orElseThrow(() -> ParapetException.notFound("no alert " + id));
    }

    /** open → acknowledged: someone is looking at it. */
    @Transactional
    public MonitorAlert acknowledge(long id, Actor actor) {
        return move(id, "open", "acknowledged", actor);
    }

    /** open or acknowledged → resolved. */
    @Transactional
    public MonitorAlert resolve(long id, Actor actor) {
        MonitorAlert current = get(id);
        if (current.state().equals("resolved")) {
            throw ParapetException.conflict("alert " + id + " is already resolved (by " + current.updatedBy() + ")");
        }
        return move(id, current.state(), "resolved", actor);
    }

    private MonitorAlert move(long id, String from, String to, Actor actor) {
        actor.require(Role.EDITOR, to.equals("resolved") ? "resolve alerts" : "acknowledge alerts");
        MonitorAlert current = get(id);
        if (!current.state().equals(from)) {
            throw ParapetException.conflict("alert " + id + " is " + current.state() + ", not " + from);
        }
        if (alerts.transition(id, from, to, clock.instant(), actor.name()) != 1) {
            throw ParapetException.conflict("alert " + id + " changed meanwhile; reload it");
        }
        audit.record(
                actor,
                "alert." + to,
                "alert",
                String.valueOf(id),
                null,
                null,
                current.monitor() + " " + current.subject());
        return get(id);
    }

    /** The figures of every version of {@code prompt} in windows of {@code window}, oldest first (the last 500). */
    public List<Object> metrics(String prompt, String window) {
        window = window == null ? windows.get(0) : window;
        if (!windows.contains(window)) {
            throw ParapetException.invalidField("window", "must be one of the monitored windows " + windows);
        }
        String sql = "SELECT figures FROM monitor_metric WHERE prompt = ? AND window_size = ?"
                + " ORDER BY window_start DESC LIMIT 500";
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement(sql)) {
            statement.setString(1, prompt);
            statement.setString(2, window);
            List<Object> series = new java.util.ArrayList<>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    series.add(Json.convert(Json.read(rows.getString(1)), Object.class));
                }
            }
            java.util.Collections.reverse(series);
            return series;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not read monitor metrics", e);
        }
    }

    /**
     * The unresolved alerts on {@code subject} (a prompt version, {@code name#3}) about windows that ended after
     * {@code since}, oldest first: what a rollout's analysis looks at.
     */
    public List<MonitorAlert> unresolvedOn(String subject, java.time.Instant since) {
        return alerts.unresolvedOn(subject, since).stream()
                .map(MonitorAlert::of)
                .toList();
    }

    /**
     * How many completions of {@code subject} the monitors counted in windows that ended after {@code since}, in the
     * shortest monitored window; windows still open are not counted yet.
     */
    public long samplesSince(String subject, java.time.Instant since) {
        return figuresSince(subject, since).samples();
    }

    /**
     * The figures of {@code subject} (a prompt version, {@code name#3}) over the shortest monitored windows that ended
     * after {@code since}: a canary's live health beside its stable version's.
     */
    public SubjectFigures figuresSince(String subject, java.time.Instant since) {
        String sql = "SELECT figures FROM monitor_metric WHERE subject = ? AND window_size = ? AND window_start > ?";
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement(sql)) {
            statement.setString(1, subject);
            statement.setString(2, windows.get(0));
            // A window that started up to one window length before `since` ends after it.
            statement.setTimestamp(3, java.sql.Timestamp.from(since.minus(shortestWindow)));
            var sum = new SubjectFigures.Sum();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    sum.add(Json.read(rows.getString(1)));
                }
            }
            return sum.figures();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not read monitor metrics", e);
        }
    }

    /**
     * Raises an alert found outside the monitors (a scheduled evaluation), as the monitors' own are stored: once per
     * id, with its webhook deliveries queued in the same transaction.
     */
    public void raise(io.parapet.streaming.monitor.Alert alert) {
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                AlertStore.insert(connection, alert, clock.instant());
                connection.commit();
            } catch (java.sql.SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not store the alert " + alert.id(), e);
        }
    }

    private static String blank(String s) {
        return s == null ? "" : s.trim();
    }
}
