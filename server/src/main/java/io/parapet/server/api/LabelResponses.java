package io.parapet.server.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.security.authentication.Authentication;
import io.parapet.core.ParapetException;
import io.parapet.registry.Label;
import io.parapet.registry.LabelService;
import io.parapet.server.security.Actors;

/** Label reads and moves as HTTP: the revision travels as ETag and comes back as If-Match. Prompts and policies share it. */
public final class LabelResponses {
    private LabelResponses() {}

    public static HttpResponse<Label> current(LabelService labels, String name, String label) {
        Label current = labels.get(name, label);
        return HttpResponse.ok(current).header("ETag", Responses.etag(current.revision()));
    }

    public static HttpResponse<Label> move(
            LabelService labels, String name, String label, SetLabelRequest body, String ifMatch, Authentication auth) {
        if (body == null || body.version() == null) {
            throw ParapetException.invalidField("version", "is required");
        }
        Label moved = labels.set(name, label, body.version(), Responses.revision(ifMatch), Actors.of(auth));
        return HttpResponse.ok(moved).header("ETag", Responses.etag(moved.revision()));
    }
}
