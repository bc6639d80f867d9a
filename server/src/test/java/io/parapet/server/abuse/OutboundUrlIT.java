package io.parapet.server.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parapet.core.Json;
import io.parapet.server.ServerTestSupport;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The outbound-URL policy at the API: model base URLs and webhook URLs that point at link-local or metadata
 * addresses, or at private networks outside the allow-list (this server allows only 127.0.0.0/8), are refused with
 * a 400 naming the field and the address, and nothing is stored. (A host that does not resolve yet is accepted
 * at creation, by design, and checked again before every call.)
 */
@MicronautTest(environments = "postgres", transactional = false)
class OutboundUrlIT extends ServerTestSupport {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://169.254.169.254/latest/meta-data/",
                "http://[fe80::1]/v1",
                "http://[::ffff:169.254.169.254]/v1",
                "http://10.0.0.5:8000/v1",
                "http://192.168.1.20/v1",
                "file:///etc/passwd"
            })
    void should_refuse_a_model_base_url_and_a_webhook_url_that_may_not_be_called(String url) {
        long audit = auditTotal();

        Reply model = post(
                "/api/v1/models/outbound/target/versions",
                "admin",
                Json.write(Map.of("provider", "openai", "modelId", "m", "baseUrl", url, "credential", "sk-x")));
        Reply webhook = post(
                "/api/v1/webhooks",
                "admin",
                Json.write(Map.of("name", "outbound", "url", url, "monitor", "toxicity", "prompt", "outbound/p")));

        assertThat(model.status()).as(model.body()).isEqualTo(400);
        assertThat(model.body()).contains("baseUrl");
        assertThat(webhook.status()).as(webhook.body()).isEqualTo(400);
        assertThat(webhook.body()).contains("url");
        assertThat(auditTotal()).as("nothing was stored").isEqualTo(audit);
        assertThat(get("/api/v1/models/outbound/target/versions", "admin").status())
                .isEqualTo(404);
    }
}
