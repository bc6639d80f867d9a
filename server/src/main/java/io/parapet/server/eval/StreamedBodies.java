package io.parapet.server.eval;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Uploads and downloads too large to hold: a request body read as a stream, and an answer written a chunk at a
 * time. An upload refused part-way is read to its end before the answer goes out: a client still sending it (the
 * JDK's does not read the answer until it has sent everything) would otherwise wait for the idle timeout.
 */
final class StreamedBodies {
    private StreamedBodies() {}

    static <T> T read(InputStream body, Function<Reader, T> reader) {
        try {
            // The parsers close what they read at an error (Jackson does), which would cancel the body under the drain.
            InputStream unclosable = new FilterInputStream(body) {
                @Override
                public void close() {}
            };
            return reader.apply(new InputStreamReader(unclosable, StandardCharsets.UTF_8));
        } catch (RuntimeException refused) {
            drain(body);
            throw refused;
        }
    }

    private static void drain(InputStream body) {
        try {
            body.transferTo(OutputStream.nullOutputStream()); // bounded by micronaut.server.max-request-size
        } catch (java.io.IOException | RuntimeException e) {
            // the connection is gone: nothing left to read
        }
    }

    /** A download produced chunk by chunk as the client reads it, off the event loop. */
    static MutableHttpResponse<Flux<byte[]>> download(Iterable<String> chunks, String contentType, String fileName) {
        Flux<byte[]> body = Flux.fromIterable(chunks)
                .map(chunk -> chunk.getBytes(StandardCharsets.UTF_8))
                .subscribeOn(Schedulers.boundedElastic());
        return HttpResponse.ok(body)
                .contentType(contentType)
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
    }
}
