package io.parapet.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.parapet.core.FieldError;
import java.util.List;

/**
 * What checking an unsaved version found: its problems (empty when it would save), the variables its templates
 * use, the prompts it includes, and the existing version with identical content, if any.
 */
@Serdeable
public record DraftCheck(
        List<FieldError> errors,
        List<String> variables,
        List<String> includes,
        @Nullable Integer identicalTo) {
    public boolean valid() {
        return errors.isEmpty();
    }
}
