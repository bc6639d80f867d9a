package io.parapet.eval.dataset;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.parapet.registry.Message;
import java.util.List;
import java.util.Map;

/**
 * One evaluation case: the variables a prompt version is rendered with, optional conversation messages sent after
 * it, the expected answer (text or JSON) when evaluators compare with one, free metadata, and tags for filtering.
 */
@Serdeable
public record DatasetItem(
        String id,
        Map<String, Object> variables,
        @Nullable List<Message> messages,
        @Nullable Object expected,
        @Nullable Map<String, Object> metadata,
        @Nullable List<String> tags) {}
