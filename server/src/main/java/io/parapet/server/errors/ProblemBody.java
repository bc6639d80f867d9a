package io.parapet.server.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.parapet.core.FieldError;
import java.util.List;

/** An RFC 9457 problem document, with the field errors of a bad request. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ProblemBody(
        String type,
        String title,
        int status,
        String detail,
        @Nullable String instance,
        List<FieldError> errors) {}
