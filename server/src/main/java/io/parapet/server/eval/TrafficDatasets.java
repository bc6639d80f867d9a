package io.parapet.server.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parapet.core.Actor;
import io.parapet.core.Json;
import io.parapet.core.ParapetException;
import io.parapet.core.Role;
import io.parapet.core.events.ChatCompletionEvent;
import io.parapet.core.events.EventType;
import io.parapet.core.events.FeedbackEvent;
import io.parapet.eval.dataset.DatasetService;
import io.parapet.eval.dataset.ImportFormat;
import io.parapet.eval.dataset.ImportResult;
import io.parapet.registry.Names;
import jakarta.inject.Singleton;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A dataset version from live traffic: completions of one prompt over a time range, read from Kafka, joined with
 * their feedback by completion id, filtered, and stored as items (the conversation as a user message, the answer as
 * {@code expected}, the rest as metadata). The texts are the redacted ones the events carry.
 */
@Singleton
class TrafficDatasets {
    private static final int MAX_LIMIT = 100_000;
    private static final Duration MAX_RANGE = Duration.ofDays(31);
    private final TrafficReader reader;
    private final DatasetService datasets;

    TrafficDatasets(TrafficReader reader, DatasetService datasets) {
        this.reader = reader;
        this.datasets = datasets;
    }

    ImportResult build(String name, TrafficQuery q, Actor actor) {
        actor.require(Role.EDITOR, "build datasets from traffic");
        check(q);
        int limit = q.limit() == null ? 10_000 : q.limit();
        // Feedback may come after the completion's window closed: read it to now.
        Map<String, Double> feedback = new HashMap<>();
        reader.read(EventType.FEEDBACK.topic(), q.from(), java.time.Instant.now(), e -> {
            FeedbackEvent f = Json.convert(e.data(), FeedbackEvent.class);
            feedback.put(f.completionId(), f.score());
        });
        Path staged;
        int[] taken = {0};
        try {
            staged = Files.createTempFile("parapet-traffic-", ".jsonl");
            try (BufferedWriter out = Files.newBufferedWriter(staged, StandardCharsets.UTF_8)) {
                reader.read(EventType.CHAT_COMPLETION.topic(), q.from(), q.to(), e -> {
                    ObjectNode item = item(completion(e.data()), q, feedback);
                    if (item != null && taken[0] < limit) {
                        taken[0]++;
                        try {
                            out.write(Json.write(item));
                            out.write('\n');
                        } catch (IOException io) {
                            throw new UncheckedIOException(io);
                        }
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Reader items = Files.newBufferedReader(staged, StandardCharsets.UTF_8)) {
            if (taken[0] == 0) {
                throw ParapetException.invalid("no completion of '" + q.prompt() + "' between " + q.from() + " and "
                        + q.to() + " matches; nothing was stored");
            }
            String message = q.commitMessage() != null
                    ? q.commitMessage()
                    : "from traffic of " + q.prompt() + " between " + q.from() + " and " + q.to();
            return datasets.importItems(
                    name, ImportFormat.JSONL, items, new DatasetService.ImportOptions(false, message, null), actor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(staged);
            } catch (IOException ignored) {
                // a temporary file the system cleans up
            }
        }
    }

    /** The event's data as the typed record; null for an event this reader cannot read (it is skipped). */
    private static ChatCompletionEvent completion(JsonNode data) {
        try {
            ChatCompletionEvent e = Json.mapper().treeToValue(data, ChatCompletionEvent.class);
            return e.missing().isEmpty() ? e : null;
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException unreadable) {
            return null;
        }
    }

    /** The dataset item of one completion event, or null when the query leaves it out. */
    private static ObjectNode item(ChatCompletionEvent e, TrafficQuery q, Map<String, Double> feedback) {
        if (e == null
                || !q.prompt().equals(e.prompt())
                || e.input() == null
                || e.input().isBlank()) {
            return null;
        }
        if (q.version() != null && !q.version().equals(e.promptVersion())) {
            return null;
        }
        String finish = e.finishReason();
        boolean blocked = finish.equals("content_filter") || finish.equals("input_blocked");
        if ("answered".equals(q.outcome()) && !finish.equals("stop") || "blocked".equals(q.outcome()) && !blocked) {
            return null;
        }
        String id = e.requestId();
        Double score = feedback.get(id);
        if ((q.minFeedback() != null || q.maxFeedback() != null) && score == null) {
            return null;
        }
        if (q.minFeedback() != null && score < q.minFeedback() || q.maxFeedback() != null && score > q.maxFeedback()) {
            return null;
        }
        ObjectNode item = Json.mapper().createObjectNode();
        item.put("id", id.replaceAll("[^A-Za-z0-9_.:-]", "_"));
        item.putObject("variables");
        item.putArray("messages").addObject().put("role", "user").put("content", e.input());
        if (e.output() != null && !e.output().isEmpty()) {
            item.put("expected", e.output());
        }
        ObjectNode meta = item.putObject("metadata");
        meta.put("promptVersion", e.promptVersion());
        meta.put("model", e.model() + "#" + e.modelVersion());
        meta.put("finishReason", finish);
        if (score != null) {
            meta.put("feedback", score);
        }
        item.putArray("tags").add("traffic");
        return item;
    }

    private static void check(TrafficQuery q) {
        if (q == null || q.from() == null || q.to() == null) {
            throw ParapetException.invalidField("from", "give from and to, ISO-8601 instants");
        }
        if (!q.to().isAfter(q.from()) || Duration.between(q.from(), q.to()).compareTo(MAX_RANGE) > 0) {
            throw ParapetException.invalidField("to", "must be after from, and at most 31 days later");
        }
        Names.checkPrompt(q.prompt(), "prompt");
        if (q.limit() != null && (q.limit() < 1 || q.limit() > MAX_LIMIT)) {
            throw ParapetException.invalidField("limit", "must be 1.." + MAX_LIMIT);
        }
        if (q.outcome() != null && !List.of("answered", "blocked").contains(q.outcome())) {
            throw ParapetException.invalidField("outcome", "must be answered or blocked");
        }
    }
}
