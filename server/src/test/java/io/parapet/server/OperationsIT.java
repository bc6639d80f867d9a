package io.parapet.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

/** Health, metrics and API documentation. */
@MicronautTest(environments = "postgres", transactional = false)
class OperationsIT extends ServerTestSupport {

    @Test
    void should_report_health_to_probes_and_details_to_key_holders() {
        assertThat(get("/health", null).body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(get("/health/liveness", null).status()).isEqualTo(200);
        assertThat(get("/health/readiness", null).status()).isEqualTo(200);
        assertThat(get("/health", "viewer").json().at("/details/jdbc/status").asText())
                .isEqualTo("UP");
    }

    @Test
    void should_expose_http_timings_per_route() {
        get("/api/v1/prompts", "viewer");
        String metrics = get("/prometheus", "viewer").body();
        assertThat(metrics).contains("http_server_requests_seconds_count").contains("uri=\"/api/v1/prompts");
        assertThat(get("/prometheus", null).status()).isEqualTo(401);
    }

    @Test
    void should_serve_the_openapi_spec_and_swagger_ui() {
        Reply spec = get("/openapi/parapet.yml", null);
        assertThat(spec.status()).isEqualTo(200);
        assertThat(spec.body())
                .contains("/api/v1/prompts/{name}/versions", "/api/v1/prompts/{name}/labels/{label}", "bearer");
        assertThat(get("/openapi", null).header("Location")).isEqualTo("/openapi/parapet.yml");
        assertThat(get("/swagger-ui/index.html", null).body()).contains("swagger-ui");
    }
}
