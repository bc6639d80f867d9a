package io.parapet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UserRegexTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "((a{1000}){1000}){1000}",
                "(a{100}){100}",
                "(?:(?:x{50}){50}){50}",
                "[a-z]{1000}[0-9]{1000}[A-Z]{1000}[a-z]{1000}[0-9]{1000}[a-z]{1000}",
                "(ab|cd{999}){10,}"
            })
    void should_refuse_patterns_whose_counted_repetition_multiplies(String regex) {
        assertThat(UserRegex.programSize(regex)).isGreaterThan(UserRegex.MAX_PROGRAM);
        assertThatThrownBy(() -> UserRegex.compile(regex, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expands to more than 5000 instructions");
    }

    @Test
    void should_refuse_a_pattern_longer_than_the_cap() {
        assertThatThrownBy(() -> UserRegex.compile("a".repeat(1_001), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1001 characters long; the limit is 1000");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\\b\\d{3}-\\d{2}-\\d{4}\\b",
                "(?i)ignore (all )?previous instructions",
                "[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,24}",
                "\\p{Greek}{2,40}",
                "\\Q{1000}\\E",
                "[]{}]{3}",
                "x{,5}"
            })
    void should_accept_ordinary_patterns(String regex) {
        assertThat(UserRegex.compile(regex, 0)).isNotNull();
        assertThat(UserRegex.programSize(regex)).isLessThan(200);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {"abc;3", "a{10};10", "(ab){3};9", "a{2,5};5", "a{3,};4", "(a|b)*;5"})
    void should_estimate_sizes_that_grow_with_the_expansion(String regex, long atLeast) {
        assertThat(UserRegex.programSize(regex)).isGreaterThanOrEqualTo(atLeast);
    }

    @Test
    void should_report_syntax_errors_with_re2s_description() {
        assertThatThrownBy(() -> UserRegex.compile("(a", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the pattern is not valid RE2 syntax: ");
    }
}
