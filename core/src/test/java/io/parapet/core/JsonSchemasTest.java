package io.parapet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JsonSchemasTest {
    @Test
    void should_resolve_references_within_the_schema() {
        var schema = JsonSchemas.compile(Json.read("""
                {"$defs": {"name": {"type": "string", "minLength": 2}},
                 "type": "object", "properties": {"a": {"$ref": "#/$defs/name"}}}"""));
        assertThat(schema.validate(Json.read("{\"a\": \"ok\"}"))).isEmpty();
        assertThat(schema.validate(Json.read("{\"a\": \"x\"}"))).isNotEmpty();
    }

    @Test
    void should_never_fetch_a_url_or_read_a_file_for_a_reference() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        HttpServer listener = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        listener.createContext("/", exchange -> {
            hits.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        listener.start();
        try {
            String url = "http://127.0.0.1:" + listener.getAddress().getPort() + "/schema.json";
            for (String ref : new String[] {url, "file:///etc/passwd", "classpath:application.yml"}) {
                assertThatThrownBy(() -> JsonSchemas.compile(
                                Json.read("{\"properties\": {\"a\": {\"$ref\": " + Json.write(ref) + "}}}")))
                        .as(ref)
                        .hasMessageContaining("not allowed");
            }
            assertThat(hits).hasValue(0);
        } finally {
            listener.stop(0);
        }
    }

    @Test
    void should_check_documents_against_the_bundled_meta_schema() {
        assertThat(JsonSchemas.metaSchema().validate(Json.read("{\"type\": \"object\"}")))
                .isEmpty();
        assertThat(JsonSchemas.metaSchema().validate(Json.read("{\"type\": 12}")))
                .isNotEmpty();
    }
}
