package io.parapet.eval.dataset;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * A dataset as a file for git and for moving between servers: a JSONL stream whose first line is this header, then
 * the items of each listed version in order (the labelled versions and the latest, oldest first). Applying it
 * makes the versions that are missing (content-addressed: an identical version is found, not copied) and moves the
 * labels onto them.
 */
@Serdeable
public record DatasetBundle(
        String apiVersion,
        String kind,
        String name,
        @Nullable String description,
        List<Version> versions,
        Map<String, Integer> labels) {

    public static final String API_VERSION = "parapet/v1";
    public static final String KIND = "dataset";
    static final int MAX_VERSIONS = 1000;

    /** One version of the bundle: its number where it was exported, its message, and how many item lines follow. */
    @Serdeable
    public record Version(int version, @Nullable String commitMessage, int items) {}

    /** What applying did, or would do on a dry run. */
    @Serdeable
    public record Applied(boolean dryRun, List<Change> changes) {}

    /** One change: a version made ({@code dataset.version.create}) or a label moved ({@code dataset.label.move}). */
    @Serdeable
    public record Change(String action, String target, String detail) {}
}
