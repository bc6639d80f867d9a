package io.parapet.gateway;

import io.parapet.core.ParapetException;
import io.parapet.core.Problem;

/**
 * Why a chat request got no answer, in the terms of OpenAI's API: the HTTP status and the error's {@code type},
 * {@code code} and {@code param}, so SDKs raise their usual exceptions. Everything the {@code /v1} endpoints refuse
 * is one of these, and one handler writes them all; a stream that has already started carries the same document as
 * its last event. The gateway records the request (event, token charge) before the error leaves it, and the error
 * keeps that {@link #outcome()} for callers that show what happened (the playground, evaluations).
 */
public class ChatError extends RuntimeException {
    private final int status;
    private final String type;
    private final String code;
    private final String param;
    private final Long retryAfterSeconds;
    private CompletionOutcome outcome;

    protected ChatError(int status, String type, String code, String param, String message, Throwable cause) {
        this(status, type, code, param, null, message, cause);
    }

    private ChatError(
            int status,
            String type,
            String code,
            String param,
            Long retryAfterSeconds,
            String message,
            Throwable cause) {
        super(message, cause);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A request the gateway cannot act on (400); {@code param} names the field, or is null. */
    public static ChatError invalid(String message, String param) {
        return new ChatError(400, "invalid_request_error", null, param, message, null);
    }

    /** A key past its requests or tokens per minute (429, with the seconds to wait). */
    public static ChatError rateLimited(RateLimits.Refusal refusal) {
        return new ChatError(
                429,
                "rate_limit_error",
                "rate_limit_exceeded",
                null,
                refusal.retryAfterSeconds(),
                "rate limit of " + refusal.limit() + " " + refusal.what()
                        + " per minute reached for this key; retry in " + refusal.retryAfterSeconds() + " s",
                null);
    }

    /** No key, or a key that is not valid (401). */
    public static ChatError unauthenticated() {
        return new ChatError(
                401,
                "invalid_request_error",
                "invalid_api_key",
                null,
                "send a valid Parapet chat key as 'Authorization: Bearer <key>'",
                null);
    }

    /** A valid key without the {@code chat} role (403). */
    public static ChatError forbidden() {
        return new ChatError(403, "permission_error", null, null, "this key has no 'chat' role", null);
    }

    /**
     * The platform's own refusal (unknown prompt or model, bad variable, registry unavailable) in OpenAI's terms: a
     * missing prompt or model is {@code model_not_found}, a server-side failure an {@code api_error}.
     */
    public static ChatError of(ParapetException e) {
        if (e.problem() == Problem.NOT_FOUND) {
            return new ChatError(404, "invalid_request_error", "model_not_found", "model", e.getMessage(), e);
        }
        int status = e.problem().status();
        String field = e.errors().isEmpty() ? null : e.errors().get(0).field();
        return new ChatError(
                status, status >= 500 ? "api_error" : "invalid_request_error", null, field, e.getMessage(), e);
    }

    /** A failure of the gateway itself, a bug: a 500 that says no more than that (the log has the rest). */
    static ChatError internal(Throwable cause) {
        return new ChatError(500, "api_error", "internal_error", null, "the gateway failed on this request", cause);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }

    public String param() {
        return param;
    }

    /** For a 429, when to try again; otherwise null. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** What was recorded of the request, or null when it never got as far as the gateway's pipeline. */
    public CompletionOutcome outcome() {
        return outcome;
    }

    ChatError recorded(CompletionOutcome outcome) {
        this.outcome = outcome;
        return this;
    }

    /** A guardrail blocked the input or the output (400, {@code guardrail_violation}, the scanner as its code). */
    public static final class Blocked extends ChatError {
        private final String scanner;
        private final String direction;
        private final String refusal;

        /**
         * @param source which client text was blocked, such as {@code variable 'question'}; null for the whole
         * @param refusal the policy's refusal message, answered as a normal completion instead of the error; or null
         */
        Blocked(String direction, String source, String scanner, String refusal) {
            super(
                    400,
                    "guardrail_violation",
                    scanner,
                    null,
                    "the " + direction + (source == null ? "" : " (" + source + ")") + " was blocked by the '" + scanner
                            + "' guardrail",
                    null);
            this.scanner = scanner;
            this.direction = direction;
            this.refusal = refusal;
        }

        public String scanner() {
            return scanner;
        }

        /** {@code input} or {@code output}. */
        public String direction() {
            return direction;
        }

        public String refusal() {
            return refusal;
        }
    }
}
