package io.parapet.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading hey's report: the benchmark's independent rows are only as right as this. */
class HeyLoadTest {
    @Test
    void should_read_percentiles_statuses_and_transport_errors() {
        String report = """
                Latency distribution:
                  10% in 0.0203 secs
                  50% in 0.0213 secs
                  99% in 0.0251 secs

                Status code distribution:
                  [200]	9990 responses
                  [502]	4 responses

                Error distribution:
                  [6]	Post "http://127.0.0.1:1/v1/chat/completions": dial tcp 127.0.0.1:1: connect: connection refused
                """;
        HeyLoad.Result result = HeyLoad.parse(report);
        assertThat(result.p50Millis()).isCloseTo(21.3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(result.p99Millis()).isCloseTo(25.1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(result.ok()).isEqualTo(9990);
        assertThat(result.failed()).isEqualTo(10);
    }
}
