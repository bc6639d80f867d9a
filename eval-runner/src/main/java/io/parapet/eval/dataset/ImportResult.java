package io.parapet.eval.dataset;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * What an import did: the version it made (or found identical), how many rows became items, how many invalid rows
 * were skipped (only with {@code skipInvalid}), and the first of those rows' errors.
 */
@Serdeable
public record ImportResult(
        @Nullable DatasetVersion version, boolean created, int imported, int skipped, List<RowError> errors) {

    /** An invalid row: its line number in the upload (1-based; a CSV header is line 1) and why. */
    @Serdeable
    public record RowError(long line, String reason) {}
}
