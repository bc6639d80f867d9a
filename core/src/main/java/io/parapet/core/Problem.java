package io.parapet.core;

/**
 * The kinds of error the platform reports to callers. Each one maps to one HTTP status and one stable problem
 * type URI (RFC 9457), so clients can branch on {@link #type()} rather than on message text.
 */
public enum Problem {
    INVALID_REQUEST(400, "invalid-request", "Invalid request"),
    UNAUTHORIZED(401, "unauthorized", "Unauthorized"),
    FORBIDDEN(403, "forbidden", "Forbidden"),
    NOT_FOUND(404, "not-found", "Not found"),
    CONFLICT(409, "conflict", "Conflict"),
    PRECONDITION_FAILED(412, "precondition-failed", "Precondition failed"),
    PRECONDITION_REQUIRED(428, "precondition-required", "Precondition required"),
    SERVICE_UNAVAILABLE(503, "service-unavailable", "Service unavailable");

    private static final String TYPE_BASE = "https://parapet.io/problems/";

    private final int status;
    private final String slug;
    private final String title;

    Problem(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String type() {
        return TYPE_BASE + slug;
    }

    public String title() {
        return title;
    }
}
