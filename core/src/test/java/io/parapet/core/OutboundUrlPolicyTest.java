package io.parapet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundUrlPolicyTest {
    private final OutboundUrlPolicy production = new OutboundUrlPolicy(List.of());
    private final OutboundUrlPolicy everythingAllowed = new OutboundUrlPolicy(List.of("0.0.0.0/0", "::/0"));

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://169.254.169.254/latest/meta-data/",
                "http://[fe80::1]/v1",
                "http://[::ffff:169.254.169.254]/",
                "http://[fd00:ec2::254]/",
                "http://100.100.100.200/",
                "http://0.0.0.0:8080/",
                "http://224.0.0.1/"
            })
    void should_always_refuse_link_local_and_metadata_addresses(String url) {
        assertThat(everythingAllowed.refusal(url)).as(url).isNotNull();
        assertThatThrownBy(() -> everythingAllowed.check(url, "baseUrl"))
                .isInstanceOf(ParapetException.class)
                .hasMessageContaining("never called");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:11434/v1",
                "http://localhost:8000/",
                "http://10.1.2.3/",
                "http://172.20.0.5/",
                "http://192.168.1.10/",
                "http://100.64.0.1/",
                "http://[::1]:8080/",
                "http://[fd12:3456::1]/"
            })
    void should_refuse_private_addresses_unless_their_network_is_allowed(String url) {
        assertThat(production.refusal(url)).as(url).contains("allowed-private-networks");
        assertThat(everythingAllowed.refusal(url)).as(url).isNull();
    }

    @Test
    void should_allow_only_the_listed_private_networks() {
        OutboundUrlPolicy loopbackOnly = new OutboundUrlPolicy(List.of(" 127.0.0.0/8 ", "::1"));
        assertThat(loopbackOnly.refusal("http://127.0.0.1:9/")).isNull();
        assertThat(loopbackOnly.refusal("http://[::1]:9/")).isNull();
        assertThat(loopbackOnly.refusal("http://10.0.0.1/")).isNotNull();
    }

    @Test
    void should_pass_public_addresses_and_refuse_other_schemes() {
        assertThat(production.refusal("https://93.184.216.34/v1")).isNull();
        assertThat(production.refusal("file:///etc/passwd")).contains("only http and https");
        assertThat(production.refusal("gopher://127.0.0.1/")).contains("only http and https");
        assertThatThrownBy(() -> production.beforeCall("http://169.254.169.254/"))
                .isInstanceOf(OutboundUrlPolicy.Refused.class);
    }

    @Test
    void should_refuse_a_malformed_allow_list_at_start() {
        assertThatThrownBy(() -> new OutboundUrlPolicy(List.of("10.0.0.0/99")))
                .hasMessageContaining("allowed-private-networks");
        assertThatThrownBy(() -> new OutboundUrlPolicy(List.of("not-an-address.invalid/8")))
                .hasMessageContaining("allowed-private-networks");
    }
}
