package io.parapet.server.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;

/** Short addresses for the API documentation: {@code /openapi} is the spec, {@code /swagger-ui} the viewer. */
@Controller
@Hidden
@Secured(SecurityRule.IS_ANONYMOUS)
class ApiDocsController {
    @Get("/openapi")
    HttpResponse<?> spec() {
        return HttpResponse.redirect(URI.create("/openapi/parapet.yml"));
    }

    @Get("/swagger-ui")
    HttpResponse<?> viewer() {
        return HttpResponse.redirect(URI.create("/swagger-ui/index.html"));
    }
}
