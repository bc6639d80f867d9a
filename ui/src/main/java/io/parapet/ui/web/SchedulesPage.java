package io.parapet.ui.web;

import io.micronaut.core.annotation.Nullable;
import io.parapet.eval.schedule.Schedule;
import java.util.List;
import java.util.Map;

/** The schedules page: every schedule with its next and latest ticks, and the form (kept as typed on an error). */
public record SchedulesPage(
        List<Schedule> schedules, Form form, @Nullable String notice) {

    /** The create-or-replace form; a schedule of the same name is replaced. */
    public record Form(
            String name,
            String prompt,
            String dataset,
            String evaluators,
            String cron,
            String minPassRate,
            String catchUp,
            String concurrency,
            boolean enabled) {
        static final Form EMPTY = new Form(
                "",
                "",
                "",
                "[{\"name\": \"length\", \"config\": {\"min\": 1}}]",
                "0 3 * * *",
                "1.0",
                "skip",
                "8",
                true);

        static Form of(Map<String, String> form) {
            return new Form(
                    form.getOrDefault("name", ""),
                    form.getOrDefault("prompt", ""),
                    form.getOrDefault("dataset", ""),
                    form.getOrDefault("evaluators", ""),
                    form.getOrDefault("cron", ""),
                    form.getOrDefault("minPassRate", "1.0"),
                    form.getOrDefault("catchUp", "skip"),
                    form.getOrDefault("concurrency", "8"),
                    "on".equals(form.get("enabled")) || "true".equals(form.get("enabled")));
        }
    }
}
