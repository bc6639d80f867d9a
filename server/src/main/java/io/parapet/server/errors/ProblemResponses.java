package io.parapet.server.errors;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.parapet.core.FieldError;
import io.parapet.core.Problem;
import io.parapet.ui.web.ErrorPage;
import java.util.List;

/** Builds {@code application/problem+json} responses; the one place that shapes errors on the wire. */
public final class ProblemResponses {
    public static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");

    private ProblemResponses() {}

    public static MutableHttpResponse<?> of(
            HttpRequest<?> request, Problem problem, String detail, List<FieldError> errors) {
        if (request != null && ErrorPage.isUi(request)) {
            return ErrorPage.of(HttpStatus.valueOf(problem.status()), detail); // people get a page
        }
        ProblemBody body = new ProblemBody(
                problem.type(),
                problem.title(),
                problem.status(),
                detail,
                request == null ? null : request.getPath(),
                errors);
        MutableHttpResponse<ProblemBody> response = HttpResponse.<ProblemBody>status(
                        HttpStatus.valueOf(problem.status()))
                .body(body)
                .contentType(PROBLEM_JSON);
        if (problem == Problem.UNAUTHORIZED) {
            response.header("WWW-Authenticate", "Bearer realm=\"parapet\"");
        }
        return response;
    }
}
