package io.parapet.guardrails;

import static io.parapet.guardrails.ScannerTestSupport.scan;
import static io.parapet.guardrails.ScannerTestSupport.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PiiScannerTest {

    @ParameterizedTest(name = "{0} in \"{1}\"")
    @CsvSource(
            delimiter = '|',
            value = {
                "EMAIL_ADDRESS     | write to jane.doe+x@mail.example.co.uk today      | jane.doe+x@mail.example.co.uk",
                "PHONE_NUMBER      | call me at (415) 555-2671 please                  | (415) 555-2671",
                "PHONE_NUMBER      | tel +44 20 7946 0958                              | +44 20 7946 0958",
                "CREDIT_CARD       | card 4111 1111 1111 1111 exp 12/29                | 4111 1111 1111 1111",
                "CREDIT_CARD       | amex 3782-822463-10005                            | 3782-822463-10005",
                "IBAN_CODE         | pay to DE89 3704 0044 0532 0130 00 by Friday      | DE89 3704 0044 0532 0130 00",
                "IBAN_CODE         | GB82WEST12345698765432                            | GB82WEST12345698765432",
                "IP_ADDRESS        | server at 192.168.10.254 is down                  | 192.168.10.254",
                "IP_ADDRESS        | v6 2001:db8:85a3::8a2e:370:7334 ok                | 2001:db8:85a3::8a2e:370:7334",
                "URL               | see https://example.org/a?b=c.                    | https://example.org/a?b=c",
                "DOMAIN_NAME       | visit parapet.io for docs                         | parapet.io",
                "US_SSN            | my ssn is 536-22-8726                             | 536-22-8726",
                "US_DRIVER_LICENSE | driver license number D1234567                    | D1234567",
                "DATE_OF_BIRTH     | I was born on March 3, 1984 in Ohio               | March 3, 1984",
                "DATE_OF_BIRTH     | DOB: 03/14/1990                                   | 03/14/1990",
            })
    void should_find(String type, String text, String expected) {
        ScanResult result = scan("pii", Map.of(), text.trim());
        assertThat(result.findings()).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo(type);
            assertThat(f.text()).isEqualTo(expected.trim());
        });
    }

    /** Nothing at or above the default threshold (0.5): what a policy would act on. */
    @ParameterizedTest(name = "nothing in \"{0}\"")
    @CsvSource(
            delimiter = '|',
            value = {
                "order 4111 1111 1111 1112 shipped",
                "version 1.2.3.4 of the tool",
                "address 999.1.1.1 is not an IP",
                "the meeting is at 12:30:45",
                "ssn 000-12-3456 is invalid",
                "ssn 666-12-3456 is invalid",
                "invoice DE89 3704 0044 0532 0130 01",
                "file report.txt and main.java",
                "the date 03/14/1990 alone",
                "licence plate ABC1234 on the car",
                "call 123",
                // a timestamp is not a phone number, though "2018-01-14 03" is a possible one
                "the job ran at 2018-01-14 03:22:10 and failed",
            })
    void should_find_nothing(String text) {
        assertThat(scan("pii", Map.of(), text.trim()).score()).isLessThan(0.5);
    }

    @Test
    void should_raise_the_score_near_context_words() {
        double bare = scan("pii", Map.of(), "the value 536228726 here").score();
        double near =
                scan("pii", Map.of(), "my social security number 536228726").score();
        assertThat(near).isGreaterThan(bare);
    }

    @Test
    void should_find_pii_hidden_with_invisible_and_fullwidth_characters() {
        String text = "mail jo\u200Bhn@example.com, card \uFF14111 1111 1111 1111";
        ScanResult result = scan("pii", Map.of(), text);
        assertThat(types(result)).containsExactly("EMAIL_ADDRESS", "CREDIT_CARD");
        assertThat(result.findings().get(0).text()).isEqualTo("jo\u200Bhn@example.com");
        assertThat(text.substring(
                        result.findings().get(1).start(),
                        result.findings().get(1).end()))
                .isEqualTo("\uFF14111 1111 1111 1111");
    }

    @Test
    void should_limit_to_configured_entities_and_reject_unknown_ones() {
        assertThat(types(scan("pii", Map.of("entities", List.of("EMAIL_ADDRESS")), "a@b.io 4111111111111111")))
                .containsExactly("EMAIL_ADDRESS");
        assertThatThrownBy(() -> scan("pii", Map.of("entities", List.of("SHOE_SIZE")), "x"))
                .hasMessageContaining("unknown entities [SHOE_SIZE]");
        assertThatThrownBy(() -> scan("pii", Map.of("region", "Mars"), "x")).hasMessageContaining("region");
    }
}
