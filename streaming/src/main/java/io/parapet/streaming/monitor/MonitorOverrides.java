package io.parapet.streaming.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.parapet.core.FieldError;
import io.parapet.core.Json;
import io.parapet.core.ParapetException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One prompt's (or model's) own monitor thresholds; a null field keeps the server's default
 * ({@code parapet.monitors.*}). Rates are shares from 0 to 1.
 *
 * @param latencyP95Ms 0 turns the latency alert off for this prompt
 * @param drift false turns drift alerts off for this prompt (its drift scores are still reported)
 * @param referenceSince pins the drift reference: the first events at or after this instant (ISO 8601), e.g. when
 *     the version became {@code production}; a reference made earlier is dropped at the next window close
 */
@Serdeable
public record MonitorOverrides(
        @Nullable Double toxicRate,
        @Nullable Double toxicInputRate,
        @Nullable Double blockRate,
        @Nullable Double errorRate,
        @Nullable Long latencyP95Ms,
        @Nullable Integer minSamples,
        @Nullable Boolean drift,
        @Nullable String referenceSince) {

    public static final MonitorOverrides NONE = new MonitorOverrides(null, null, null, null, null, null, null, null);

    /** Every problem at once, as 400 field errors; nothing is stored when there is any. */
    public MonitorOverrides validated() {
        List<FieldError> errors = new ArrayList<>();
        share(errors, "toxicRate", toxicRate);
        share(errors, "toxicInputRate", toxicInputRate);
        share(errors, "blockRate", blockRate);
        share(errors, "errorRate", errorRate);
        if (latencyP95Ms != null && (latencyP95Ms < 0 || latencyP95Ms > 3_600_000)) {
            errors.add(new FieldError("latencyP95Ms", "must be from 0 (off) to 3600000"));
        }
        if (minSamples != null && (minSamples < 1 || minSamples > 1_000_000)) {
            errors.add(new FieldError("minSamples", "must be from 1 to 1000000"));
        }
        if (referenceSince != null && referenceSinceMillis() == null) {
            errors.add(new FieldError("referenceSince", "must be an ISO 8601 instant, e.g. 2026-11-23T10:00:00Z"));
        }
        if (!errors.isEmpty()) {
            throw ParapetException.invalid("invalid monitor settings", errors.toArray(FieldError[]::new));
        }
        return this;
    }

    /** The server's settings with these overrides applied. */
    public MonitorSettings applyTo(MonitorSettings s) {
        return new MonitorSettings(
                s.enabled(),
                s.windows(),
                s.grace(),
                s.toxicScore(),
                toxicRate != null ? toxicRate : s.toxicRate(),
                toxicInputRate != null ? toxicInputRate : s.toxicInputRate(),
                blockRate != null ? blockRate : s.blockRate(),
                errorRate != null ? errorRate : s.errorRate(),
                latencyP95Ms != null ? Duration.ofMillis(latencyP95Ms) : s.latencyP95(),
                minSamples != null ? minSamples : s.minSamples(),
                s.stateDir(),
                s.applicationId());
    }

    public boolean driftAlerts() {
        return drift == null || drift;
    }

    /** {@link #referenceSince} in epoch milliseconds, or null when not set (or not an instant). */
    @Nullable
    public Long referenceSinceMillis() {
        try {
            return referenceSince == null ? null : Instant.parse(referenceSince).toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Reads the overrides from a {@code parapet.monitor.settings.v1} CloudEvent (its {@code data}). */
    static MonitorOverrides fromEvent(@Nullable String event) {
        if (event == null) {
            return NONE;
        }
        return fromData(Json.read(event).path("data"));
    }

    /** Reads the overrides from their JSON form. */
    public static MonitorOverrides fromData(JsonNode data) {
        return new MonitorOverrides(
                number(data, "toxicRate"),
                number(data, "toxicInputRate"),
                number(data, "blockRate"),
                number(data, "errorRate"),
                data.path("latencyP95Ms").isNumber() ? data.get("latencyP95Ms").asLong() : null,
                data.path("minSamples").isNumber() ? data.get("minSamples").asInt() : null,
                data.path("drift").isBoolean() ? data.get("drift").asBoolean() : null,
                data.path("referenceSince").isTextual()
                        ? data.get("referenceSince").asText()
                        : null);
    }

    private static Double number(JsonNode data, String field) {
        return data.path(field).isNumber() ? data.get(field).asDouble() : null;
    }

    private static void share(List<FieldError> errors, String field, Double value) {
        if (value != null && (value.isNaN() || value < 0 || value > 1)) {
            errors.add(new FieldError(field, "must be a share from 0 to 1"));
        }
    }
}
