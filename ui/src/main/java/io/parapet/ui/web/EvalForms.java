package io.parapet.ui.web;

import com.fasterxml.jackson.core.type.TypeReference;
import io.micronaut.http.HttpStatus;
import io.parapet.core.Json;
import io.parapet.core.ParapetException;
import io.parapet.eval.run.RunSpec;
import java.util.List;

/** What the evaluation forms share: reading typed fields, and how a refused form is answered. */
final class EvalForms {
    private static final TypeReference<List<RunSpec.EvaluatorSpec>> SPECS = new TypeReference<>() {};

    private EvalForms() {}

    /** The evaluators field: a JSON array of {@code {"name": …, "config": {…}}}. */
    static List<RunSpec.EvaluatorSpec> evaluators(String json) {
        try {
            return Json.mapper().convertValue(Json.read(json), SPECS);
        } catch (RuntimeException e) {
            throw ParapetException.invalidField("evaluators", "must be a JSON array of {\"name\": …, \"config\": {…}}");
        }
    }

    /** A whole-number field, or a 400 naming it. */
    static int number(String value, String field) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ParapetException.invalidField(field, "must be a number");
        }
    }

    /** A refused form is a 422 (htmx swaps it in; a 400 it would not), other refusals keep their status. */
    static HttpStatus status(ParapetException e) {
        return e.problem().status() == 400
                ? HttpStatus.UNPROCESSABLE_ENTITY
                : HttpStatus.valueOf(e.problem().status());
    }

    /** The refusal in one line, with its first field error. */
    static String why(ParapetException e) {
        return e.getMessage()
                + (e.errors().isEmpty()
                        ? ""
                        : " (" + e.errors().get(0).field() + ": "
                                + e.errors().get(0).message() + ")");
    }
}
