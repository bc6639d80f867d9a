package io.parapet.server.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.parapet.core.Page;
import io.parapet.core.PageRequest;
import io.parapet.server.security.Actors;
import io.parapet.server.security.ApiKeyService;
import io.parapet.server.security.ApiKeyView;
import io.parapet.server.security.CreateApiKeyRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** API keys (admin only). The secret appears once, in the creation response. */
@Controller("/api/v1/api-keys")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("admin")
@Tag(name = "api-keys")
class ApiKeyController {
    private final ApiKeyService keys;

    ApiKeyController(ApiKeyService keys) {
        this.keys = keys;
    }

    @Operation(summary = "Create a key with roles; the response is the only place the key is shown")
    @Post
    HttpResponse<ApiKeyView> create(@Body CreateApiKeyRequest body, Authentication auth) {
        return HttpResponse.status(HttpStatus.CREATED).body(keys.create(Responses.required(body), Actors.of(auth)));
    }

    @Operation(summary = "List keys (without secrets)")
    @Get("{?page,size}")
    Page<ApiKeyView> list(@Nullable Integer page, @Nullable Integer size) {
        return keys.list(PageRequest.of(page, size));
    }

    @Operation(summary = "Revoke a key")
    @Delete("/{id}")
    HttpResponse<Void> revoke(@PathVariable long id, Authentication auth) {
        keys.revoke(id, Actors.of(auth));
        return HttpResponse.noContent();
    }
}
