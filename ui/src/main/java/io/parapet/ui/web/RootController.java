package io.parapet.ui.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/** The printed URL opens the UI: a browser at {@code /} is sent to {@code /ui}, which asks it to sign in. */
@Controller
class RootController {
    @Get
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<?> root() {
        return HttpResponse.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, "/ui");
    }
}
