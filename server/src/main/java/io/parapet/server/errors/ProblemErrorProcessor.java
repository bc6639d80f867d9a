package io.parapet.server.errors;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.parapet.core.FieldError;
import io.parapet.core.Problem;
import io.parapet.ui.web.ErrorPage;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Framework errors (malformed JSON, unknown fields, a body over the size limit, a missing route, a bad path
 * parameter) as problem documents that keep the framework's explanation, so the caller can see what to fix.
 * Written here rather than with micronaut-problem-json: the version the Micronaut BOM names is not on the mirror,
 * and the older one drops the detail.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ProblemErrorProcessor implements ErrorResponseProcessor<Object> {
    @Override
    public MutableHttpResponse<Object> processResponse(ErrorContext context, MutableHttpResponse<?> base) {
        if (base.getStatus() == HttpStatus.INTERNAL_SERVER_ERROR
                && context.getRootCause()
                        .filter(DatabaseFailures::isUnavailable)
                        .isPresent()) {
            base.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5");
            ProblemBody body = new ProblemBody(
                    "about:blank",
                    "Service Unavailable",
                    503,
                    "the database is unavailable; nothing was changed, retry shortly",
                    context.getRequest().getPath(),
                    List.of());
            return base.<Object>body(body).contentType(ProblemResponses.PROBLEM_JSON);
        }
        HttpStatus status = base.getStatus();
        List<FieldError> errors = context.getErrors().stream()
                .filter(e -> e.getPath().isPresent())
                .map(e -> new FieldError(e.getPath().orElseThrow(), e.getMessage()))
                .toList();
        String detail = context.getErrors().stream()
                .map(e -> e.getMessage())
                .findFirst()
                .orElse(status.getReason());
        if (status == HttpStatus.REQUEST_ENTITY_TOO_LARGE) {
            detail = "the request body is larger than the 1 MiB limit";
        } else if (status.getCode() >= 500) {
            detail = "internal error; the server log has the details";
        }
        if (ErrorPage.isUi(context.getRequest())) { // people get a page, with the same explanation
            return base.<Object>body(ErrorPage.html(status, detail)).contentType(MediaType.TEXT_HTML_TYPE);
        }
        ProblemBody body = new ProblemBody(
                typeOf(status),
                status.getReason(),
                status.getCode(),
                detail,
                context.getRequest().getPath(),
                errors);
        return base.<Object>body(body).contentType(ProblemResponses.PROBLEM_JSON);
    }

    private static String typeOf(HttpStatus status) {
        for (Problem problem : Problem.values()) {
            if (problem.status() == status.getCode()) {
                return problem.type();
            }
        }
        return "about:blank";
    }
}
