package io.parapet.server.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import io.parapet.core.Actor;
import io.parapet.core.OutageBackoff;
import io.parapet.core.Role;
import io.parapet.server.errors.DatabaseFailures;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Turns {@code Authorization: Bearer <key>} into an authentication whose roles include every implied role, so
 * {@code @Secured("viewer")} admits editors, publishers and admins too. While the database cannot be reached, keys
 * seen before keep their last answer ({@link ApiKeyService#lastKnown}) and only one check a second goes to the
 * database; a key never seen waits for it and gets 503.
 */
@Singleton
class ApiKeyTokenValidator implements TokenValidator<HttpRequest<?>> {
    private final ApiKeyService keys;
    private final OutageBackoff database = new OutageBackoff(Duration.ofSeconds(1));

    ApiKeyTokenValidator(ApiKeyService keys) {
        this.keys = keys;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        Optional<Actor> cached = keys.cached(token);
        if (cached != null) {
            return toAuthentication(cached, keys.gatewaySettings(token));
        }
        Optional<Actor> last = keys.lastKnown(token);
        if (last != null && !database.mayTry()) {
            return toAuthentication(last, keys.gatewaySettings(token)); // the database is down: don't wait on it
        }
        // A cache miss reads the database: keep it off the event loop.
        return Mono.fromCallable(() -> keys.authenticate(token))
                .doOnSuccess(answer -> database.succeeded())
                .onErrorResume(DatabaseFailures::isUnavailable, outage -> {
                    database.failed();
                    return last == null ? Mono.error(outage) : Mono.just(last);
                })
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(actor -> toAuthentication(actor, keys.gatewaySettings(token)));
    }

    /** The key's gateway settings travel as an attribute, so the chat API needs no second lookup. */
    private static Mono<Authentication> toAuthentication(Optional<Actor> actor, KeyGatewaySettings.OfKey gateway) {
        return actor.map(a -> Mono.just(Authentication.build(
                        a.name(),
                        a.roles().stream().map(Role::wireName).toList(),
                        gateway == null ? Map.<String, Object>of() : Map.of(KeyGatewaySettings.ATTRIBUTE, gateway))))
                .orElseGet(Mono::empty);
    }
}
