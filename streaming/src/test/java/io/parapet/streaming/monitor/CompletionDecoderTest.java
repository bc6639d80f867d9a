package io.parapet.streaming.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The monitors read the golden v1 event (core's test resources) as the gateway means it. */
class CompletionDecoderTest {
    @Test
    void the_golden_v1_event_decodes() throws Exception {
        byte[] golden;
        try (InputStream in = getClass().getResourceAsStream("/events/parapet.chat.completion.v1.golden.json")) {
            golden = in.readAllBytes();
        }
        var decoded = CompletionDecoder.decode(golden);
        assertThat(decoded).isInstanceOf(CompletionDecoder.Ok.class);
        Completion c = ((CompletionDecoder.Ok) decoded).completion();
        assertThat(c.subject()).isEqualTo("support/bot#3");
        assertThat(c.finishReason()).isEqualTo("stop");
        assertThat(c.totalMs()).isEqualTo(812.37);
        assertThat(c.inputTokens()).isEqualTo(41);
        assertThat(c.outputToxicity()).isEqualTo(0.012);
        assertThat(c.verdicts()).hasSize(3);
        assertThat(c.responseFormat()).isEqualTo("{\"type\":\"json_object\"}");
        assertThat(c.input()).contains("[EMAIL_ADDRESS]");
    }

    @Test
    void data_of_the_wrong_shape_is_refused_with_the_reason() {
        String event = "{\"specversion\":\"1.0\",\"id\":\"e1\",\"type\":\"parapet.chat.completion.v1\","
                + "\"time\":\"2026-12-02T10:15:30Z\",\"data\":{\"timings\":\"fast\"}}";
        var decoded = CompletionDecoder.decode(event.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(decoded).isInstanceOf(CompletionDecoder.Rejected.class);
        assertThat(((CompletionDecoder.Rejected) decoded).reason()).contains("not a chat completion");
    }
}
