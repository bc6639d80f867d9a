package io.parapet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CoreRulesTest {

    @Test
    void should_hash_equal_content_alike_whatever_the_key_order() {
        var a = Json.read("{\"b\":1,\"a\":{\"y\":[1,2],\"x\":null}}");
        var b = Json.read("{\"a\":{\"x\":null,\"y\":[1,2]},\"b\":1}");
        assertThat(ContentHash.of(a)).isEqualTo(ContentHash.of(b)).hasSize(64);
        assertThat(ContentHash.canonical(b)).isEqualTo("{\"a\":{\"x\":null,\"y\":[1,2]},\"b\":1}");
        assertThat(ContentHash.of(Json.read("{\"a\":{\"y\":[2,1]}}")))
                .isNotEqualTo(ContentHash.of(Json.read("{\"a\":{\"y\":[1,2]}}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nul\u0000", "\uD800", "x\uDC00y", "\uDBFF"})
    void should_reject_text_that_cannot_round_trip(String text) {
        assertThatThrownBy(() -> Text.requireStorable(text, "f"))
                .isInstanceOf(ParapetException.class)
                .satisfies(e -> assertThat(((ParapetException) e).errors())
                        .extracting("field")
                        .containsExactly("f"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "\u202Ebidi\u202C", "emoji 😀", "\u200Bzero width", "tag \uDB40\uDC41"})
    void should_accept_any_valid_unicode_verbatim(String text) {
        assertThat(Text.requireStorable(text, "f")).isEqualTo(text);
    }

    @Test
    void should_make_management_roles_cumulative_and_keep_chat_apart() {
        assertThat(Role.ADMIN.implied())
                .containsExactlyInAnyOrder(Role.VIEWER, Role.EDITOR, Role.PUBLISHER, Role.ADMIN);
        assertThat(Role.EDITOR.implied()).doesNotContain(Role.PUBLISHER);
        assertThat(Role.CHAT.implied()).containsExactly(Role.CHAT);
        Actor editor = new Actor("e", Role.EDITOR.implied());
        assertThatThrownBy(() -> editor.require(Role.PUBLISHER, "move production"))
                .hasMessageContaining("only a publisher or admin may move production");
        assertThat(new Actor("c", EnumSet.of(Role.CHAT)).has(Role.VIEWER)).isFalse();
        assertThatThrownBy(() -> Role.parse("root")).hasMessageContaining("unknown role 'root'");
    }

    @ParameterizedTest
    @CsvSource({"-1, 20", "0, 0", "0, 201"})
    void should_reject_pages_out_of_range(int page, int size) {
        assertThatThrownBy(() -> new PageRequest(page, size)).isInstanceOf(ParapetException.class);
    }

    @Test
    void should_default_paging() {
        assertThat(PageRequest.of(null, null)).isEqualTo(new PageRequest(0, 20));
    }
}
