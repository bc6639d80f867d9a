package io.parapet.server.eval;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.parapet.core.ParapetException;
import io.parapet.eval.gate.Gate;
import io.parapet.eval.gate.GateService;
import io.parapet.eval.gate.GateSpec;
import io.parapet.server.api.Responses;
import io.parapet.server.security.Actors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Promotion gates on prompt labels: a label moves only to a version that passed an evaluation suite. */
@Controller("/api/v1/prompts")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "evaluation")
class GateController {
    private final GateService gates;

    GateController(GateService gates) {
        this.gates = gates;
    }

    @Operation(summary = "Set the label's gate: a suite (dataset and evaluators) a version must pass to take the label")
    @Put("/{name:.+}/labels/{label}/gate")
    @Secured("publisher")
    Gate set(@PathVariable String name, @PathVariable String label, @Body GateSpec body, Authentication auth) {
        return gates.set(name, label, Responses.required(body), Actors.of(auth));
    }

    @Operation(summary = "The label's gate; with version, whether that version may take the label now and why")
    @Get("/{name:.+}/labels/{label}/gate{?version}")
    @Secured("viewer")
    Gate get(@PathVariable String name, @PathVariable String label, @Nullable Integer version) {
        return gates.get(name, label, version);
    }

    @Operation(summary = "Remove the label's gate")
    @Delete("/{name:.+}/labels/{label}/gate")
    @Secured("publisher")
    HttpResponse<Void> delete(@PathVariable String name, @PathVariable String label, Authentication auth) {
        gates.delete(name, label, Actors.of(auth));
        return HttpResponse.noContent();
    }

    @Operation(summary = "Let one move of the label to a version through without a passing run (admin, with a reason)")
    @Post("/{name:.+}/labels/{label}/gate/override")
    @Secured("admin")
    HttpResponse<Void> override(
            @PathVariable String name,
            @PathVariable String label,
            @Body GateOverrideRequest body,
            Authentication auth) {
        GateOverrideRequest r = Responses.required(body);
        if (r.version() == null) {
            throw ParapetException.invalidField("version", "is required: the version the label may move to");
        }
        gates.override(name, label, r.version(), r.reason(), Actors.of(auth));
        return HttpResponse.status(io.micronaut.http.HttpStatus.CREATED);
    }
}
