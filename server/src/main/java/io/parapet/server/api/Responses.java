package io.parapet.server.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.parapet.core.ParapetException;
import io.parapet.registry.Saved;
import java.net.URI;

/** Small helpers the controllers share: idempotent-create statuses and If-Match parsing. */
public final class Responses {
    private Responses() {}

    /** 201 with a Location when something was created; 200 when identical content already existed. */
    public static <T> MutableHttpResponse<T> saved(Saved<T> saved, String location) {
        return saved.created()
                ? HttpResponse.<T>status(HttpStatus.CREATED)
                        .body(saved.value())
                        .header("Location", URI.create(location).toString())
                : HttpResponse.ok(saved.value());
    }

    /** Accepts {@code 3}, {@code "3"} and {@code W/"3"}; null when the header is absent. */
    public static Integer revision(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ParapetException.invalidField("If-Match", "must be the label's revision number, e.g. \"3\"");
        }
    }

    public static String etag(int revision) {
        return "\"" + revision + "\"";
    }

    /** The body, or a 400 when the request had none. */
    public static <T> T required(T body) {
        if (body == null) {
            throw ParapetException.invalid("a JSON body is required");
        }
        return body;
    }
}
