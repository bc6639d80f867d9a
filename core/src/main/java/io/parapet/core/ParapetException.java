package io.parapet.core;

import java.util.List;

/**
 * A failure the caller can act on. Services throw it; one handler in the server turns it into
 * {@code application/problem+json}. Anything else that escapes is a server fault (5xx).
 */
public class ParapetException extends RuntimeException {
    private final Problem problem;
    private final List<FieldError> errors;

    public ParapetException(Problem problem, String detail, List<FieldError> errors) {
        super(detail);
        this.problem = problem;
        this.errors = List.copyOf(errors);
    }

    public ParapetException(Problem problem, String detail) {
        this(problem, detail, List.of());
    }

    public static ParapetException invalid(String detail, FieldError... errors) {
        return new ParapetException(Problem.INVALID_REQUEST, detail, List.of(errors));
    }

    public static ParapetException invalidField(String field, String message) {
        return invalid(field + ": " + message, new FieldError(field, message));
    }

    public static ParapetException notFound(String detail) {
        return new ParapetException(Problem.NOT_FOUND, detail);
    }

    public static ParapetException conflict(String detail) {
        return new ParapetException(Problem.CONFLICT, detail);
    }

    /** A 503: something this request needs (a cluster, a file of this machine) is not available now. */
    public static ParapetException unavailable(String detail) {
        return new ParapetException(Problem.SERVICE_UNAVAILABLE, detail, List.of());
    }

    public static ParapetException forbidden(String detail) {
        return new ParapetException(Problem.FORBIDDEN, detail);
    }

    public Problem problem() {
        return problem;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
