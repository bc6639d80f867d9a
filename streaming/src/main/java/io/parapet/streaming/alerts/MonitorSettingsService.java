package io.parapet.streaming.alerts;

import io.parapet.core.Actor;
import io.parapet.core.Json;
import io.parapet.core.ParapetException;
import io.parapet.core.Role;
import io.parapet.core.audit.AuditLog;
import io.parapet.core.events.EventType;
import io.parapet.core.events.Outbox;
import io.parapet.streaming.monitor.MonitorOverrides;
import io.parapet.streaming.monitor.MonitorSettings;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/**
 * Per-prompt (or per-model) monitor thresholds. Each change is stored, audited, and appended to the outbox in one
 * transaction; the relay publishes it to the compacted {@code parapet.monitor.settings}, which every monitor
 * instance reads as a global table and applies from the next window that closes.
 */
@Singleton
public class MonitorSettingsService {
    private final MonitorSettingRepository settings;
    private final MonitorSettings defaults;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;

    MonitorSettingsService(
            MonitorSettingRepository settings, MonitorSettings defaults, Outbox outbox, AuditLog audit, Clock clock) {
        this.settings = settings;
        this.defaults = defaults;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** {@code subject}: a prompt name, or {@code model:<name>} for catalog-model traffic. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public PromptMonitorSettings get(String subject) {
        return settings.findById(subject)
                .map(e ->
                        PromptMonitorSettings.of(subject, read(e.overrides()), defaults, e.updatedAt(), e.updatedBy()))
                .orElseGet(() -> PromptMonitorSettings.of(subject, MonitorOverrides.NONE, defaults, null, null));
    }

    @Transactional
    public PromptMonitorSettings put(String subject, MonitorOverrides overrides, Actor actor) {
        actor.require(Role.EDITOR, "change monitor settings");
        String json = Json.write(overrides.validated());
        Instant now = clock.instant();
        // Insert-if-missing, then update under the row lock: concurrent writers queue up, the last one wins, and
        // their outbox events are appended in the same order, so the topic ends where the table does.
        settings.ensure(subject, now, actor.name());
        settings.update(new MonitorSettingEntity(subject, json, now, actor.name()));
        outbox.append(EventType.MONITOR_SETTINGS, "monitors", subject, overrides);
        audit.record(actor, "monitor.settings", "monitor", subject, null, null, json);
        return get(subject);
    }

    /** Back to the server's defaults. */
    @Transactional
    public PromptMonitorSettings reset(String subject, Actor actor) {
        actor.require(Role.EDITOR, "change monitor settings");
        if (!settings.existsById(subject)) {
            throw ParapetException.notFound(subject + " has no monitor settings of its own");
        }
        settings.deleteById(subject);
        outbox.append(EventType.MONITOR_SETTINGS, "monitors", subject, MonitorOverrides.NONE);
        audit.record(actor, "monitor.settings.reset", "monitor", subject, null, null, null);
        return get(subject);
    }

    private static MonitorOverrides read(String json) {
        return MonitorOverrides.fromData(Json.read(json));
    }
}
