package io.parapet.server.errors;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.parapet.core.ParapetException;
import jakarta.inject.Singleton;

/** Every domain error becomes a problem document with the status its {@link io.parapet.core.Problem} names. */
@Produces
@Singleton
@Requires(classes = {ParapetException.class, ExceptionHandler.class})
public class ParapetExceptionHandler implements ExceptionHandler<ParapetException, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, ParapetException exception) {
        return ProblemResponses.of(request, exception.problem(), exception.getMessage(), exception.errors());
    }
}
