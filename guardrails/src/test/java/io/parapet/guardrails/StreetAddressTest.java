package io.parapet.guardrails;

import static io.parapet.guardrails.ScannerTestSupport.scan;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * STREET_ADDRESS from the trained entity head: a house or box number with a street, and the names a street is called
 * after, found as one address; numbers alone and towns on a line of their own are not addresses. The sentences are
 * not the training file's templates.
 */
class StreetAddressTest {
    static final Map<String, Object> TRAINED =
            Map.of("entities", List.of("PERSON", "LOCATION", "ORGANIZATION", "STREET_ADDRESS"));

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "My new flat is 17 Baker Street, so update the delivery details.|17 Baker Street",
                "Please deliver the parcel to 2450 Crown St before Friday.|2450 Crown St",
                // the head reads the number as OTHER here; the street beside it decides
                "Please send the spare keys to 2450 Crown St before Friday.|2450 Crown St",
                // a street named after a person: "Victor Hugo" is taken into the address
                "Forward my post to 88 Rue Victor Hugo, it is the blue door.|88 Rue Victor Hugo"
            })
    void should_find_a_street_address_as_one_span(String text, String address) {
        ScanResult result = scan("pii", TRAINED, text);
        assertThat(result.findings()).as(result.findings().toString()).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo("STREET_ADDRESS");
            assertThat(f.text()).contains(address);
            assertThat(f.score()).isGreaterThanOrEqualTo(0.5);
        });
        // the street's words are part of the address, not a person or a place of their own
        assertThat(result.findings())
                .filteredOn(f -> !f.type().equals("STREET_ADDRESS"))
                .noneSatisfy(f -> assertThat(address).contains(f.text()));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "The colony was founded in 2150 and had 80 settlers.",
                "I need 3 apples and 12 eggs from the shop.",
                "Read chapter 12 and section 4 before the exam.",
                "Set the timeout to 2525 ms and retry 53 times."
            })
    void should_not_call_numbers_in_ordinary_text_an_address(String text) {
        assertThat(scan("pii", TRAINED, text).findings()).isEmpty();
    }

    // Found in the batch of 10,000 mixed lines (2026-12-07): handles, words with digits and ordinals passed for
    // addresses.
    @ParameterizedTest
    @ValueSource(
            strings = {
                "RT @L1LDebbie: Amber rose is everything at the vmas.",
                "RT @ATLienZ404: \"Why did you give birth to me\"",
                "Df y'all ain't da Lakers, talmbout a mf 3peat",
                "i'm looking for flights that depart on the 3rd and return on friday",
                "what do i have on my calendar for the 14th of march",
                "I think it is flat out wrong to blame him for the 2014 Yankees.",
                // a full stop between digits: an IP address, a version, a date; not a house number
                "Can you unblock address 192.0.2.15 Main Office",
                "Upgrade to 4.12 Maple Edition before Friday."
                // left alone: "Them 1st 48 Charlotte goon ..." is an address to the head itself (0.65)
            })
    void should_not_call_a_handle_a_word_with_digits_or_a_date_an_address(String text) {
        assertThat(scan("pii", TRAINED, text).findings())
                .noneMatch(f -> f.type().equals("STREET_ADDRESS"));
    }

    @Test
    void should_not_take_a_number_glued_into_a_long_string_for_a_house_number() {
        // A word is judged as written between spaces, up to 40 characters: what is longer is no house number, and a
        // text without spaces costs no more than one with them.
        String glued = "Please deliver the parcel to 2450-" + "12-".repeat(13) + "12 Crown St before Friday."; // 46
        assertThat(scan("pii", TRAINED, glued).findings())
                .noneMatch(f -> f.type().equals("STREET_ADDRESS"));
        String spaced = "Please deliver the parcel to 2450-" + "12-".repeat(10) + "12 Crown St before Friday."; // 37
        assertThat(scan("pii", TRAINED, spaced).findings())
                .anyMatch(f -> f.type().equals("STREET_ADDRESS"));
    }

    @Test
    void should_keep_the_name_and_the_town_of_an_address_block_apart_from_the_street() {
        String text = "Billing address: Anna Weber\n    14 Baker Street\n    Leeds";
        ScanResult result = scan("pii", TRAINED, text);
        // the head may type the name wrongly (it is the name's own span that matters here), never as the address
        assertThat(result.findings()).as(result.findings().toString()).anySatisfy(f -> {
            assertThat(f.type()).isIn("PERSON", "ORGANIZATION", "LOCATION");
            assertThat(f.text()).isEqualTo("Anna Weber");
        });
        assertThat(result.findings()).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo("STREET_ADDRESS");
            assertThat(f.text()).isEqualTo("14 Baker Street");
        });
        assertThat(result.findings()).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo("LOCATION");
            assertThat(f.text()).isEqualTo("Leeds");
        });
    }

    @Test
    void should_take_the_flat_on_the_line_after_the_street_into_the_address() {
        // the head called "Apt" a place and left its number out: the redacted address kept the flat
        String text = "Ship it to:\nLena Fischer\n48 Holloway Road\nApt. 12\nLondon";
        ScanResult result = scan("pii", TRAINED, text);
        assertThat(result.findings()).as(result.findings().toString()).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo("STREET_ADDRESS");
            assertThat(f.text()).isEqualTo("Apt. 12");
        });
        assertThat(result.findings())
                .noneMatch(f -> !f.type().equals("STREET_ADDRESS") && f.text().contains("Apt"));
    }

    @Test
    void should_let_the_street_address_keep_a_house_number_that_reads_as_a_phone_number() {
        // "17151 2450" is a possible phone number; as the stronger finding it left "Crown St" in the redacted text
        Map<String, Object> both = Map.of("entities", List.of("PHONE_NUMBER", "STREET_ADDRESS"));
        ScanResult result = scan("pii", both, "Post it to 17151 2450 Crown St, Leeds.");
        assertThat(result.findings())
                .as(result.findings().toString())
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.type()).isEqualTo("STREET_ADDRESS");
                    assertThat(f.text()).isEqualTo("17151 2450 Crown St");
                });
        // a phone number beside an address, not inside it, is still one
        ScanResult beside = scan("pii", both, "Call me on +44 20 7946 0958 or write to 14 Baker Street.");
        assertThat(beside.findings()).extracting(Finding::type).containsExactly("PHONE_NUMBER", "STREET_ADDRESS");
    }

    @Test
    void should_leave_addresses_to_the_trained_head() {
        // the gazetteer has no notion of an address; asking it for one finds nothing rather than failing
        Map<String, Object> gazetteer = Map.of("entities", List.of("STREET_ADDRESS"), "ner", "gazetteer");
        assertThat(scan("pii", gazetteer, "Send it to 2450 Crown St.").findings())
                .isEmpty();
    }
}
