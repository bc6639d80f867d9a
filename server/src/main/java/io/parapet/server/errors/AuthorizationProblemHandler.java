package io.parapet.server.errors;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.parapet.core.Problem;
import io.parapet.gateway.ChatError;
import io.parapet.server.chat.OpenAiErrors;
import io.parapet.ui.web.ErrorPage;
import jakarta.inject.Singleton;
import java.util.List;

/** 401 and 403 as problem documents that say what to do, instead of Micronaut Security's empty bodies. */
@Produces
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
public class AuthorizationProblemHandler implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {
    private final OpenAiErrors openAi;

    AuthorizationProblemHandler(OpenAiErrors openAi) {
        this.openAi = openAi;
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        if (request.getPath().startsWith(OpenAiErrors.PATH)) {
            return openAi.response(exception.isForbidden() ? ChatError.forbidden() : ChatError.unauthenticated());
        }
        if (ErrorPage.isUi(request)) {
            return exception.isForbidden()
                    ? ErrorPage.of(HttpStatus.FORBIDDEN, "Your role may not do this. Ask an admin if you need to.")
                    : ErrorPage.signIn(request);
        }
        if (exception.isForbidden()) {
            var auth = exception.getAuthentication();
            return ProblemResponses.of(
                    request,
                    Problem.FORBIDDEN,
                    "key '" + (auth == null ? "?" : auth.getName())
                            + "' with roles "
                            + (auth == null
                                    ? List.of()
                                    : auth.getRoles().stream().sorted().toList())
                            + " may not " + request.getMethodName() + " " + request.getPath(),
                    List.of());
        }
        return ProblemResponses.of(
                request, Problem.UNAUTHORIZED, "send a valid API key as 'Authorization: Bearer <key>'", List.of());
    }
}
