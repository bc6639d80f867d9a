package io.parapet.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class PromptCacheIT extends RegistryTestSupport {
    @Inject
    PromptService prompts;

    @Inject
    LabelService labels;

    @Inject
    PromptCache cache;

    @Test
    void should_serve_from_memory_until_a_label_moves() {
        prompts.createVersion("cached", withLabels(text("one {{x}}"), "production"), PUBLISHER);
        prompts.createVersion("cached", text("two {{x}}"), EDITOR);

        ResolvedPrompt first = cache.get("cached", null, null);
        assertThat(cache.get("cached", null, null)).isSameAs(first);
        assertThat(first.render(Map.of("x", "!")).text()).isEqualTo("one !");

        labels.set("cached", "production", 2, 1, PUBLISHER);
        assertThat(cache.get("cached", null, null).render(Map.of("x", "!")).text())
                .isEqualTo("two !");
    }

    @Test
    void should_see_a_new_version_through_latest_and_an_included_label_move() {
        prompts.createVersion("cache/footer", withLabels(text("bye"), "production"), PUBLISHER);
        prompts.createVersion("cache/page", withLabels(text("hi {{> cache/footer}}"), "production"), PUBLISHER);
        assertThat(cache.get("cache/page", null, null).render(Map.of()).text()).isEqualTo("hi bye");

        prompts.createVersion("cache/footer", text("ciao"), EDITOR);
        assertThat(cache.get("cache/footer", "latest", null).version().version())
                .isEqualTo(2);
        labels.set("cache/footer", "production", 2, 1, PUBLISHER);
        assertThat(cache.get("cache/page", null, null).render(Map.of()).text()).isEqualTo("hi ciao");
    }

    @Test
    void should_not_be_invalidated_by_a_rolled_back_change() {
        prompts.createVersion("steady", withLabels(text("s"), "production"), PUBLISHER);
        cache.get("steady", null, null);
        int before = cache.size();
        try {
            prompts.createVersion("steady", text("{{#broken}}"), EDITOR);
        } catch (RuntimeException expected) {
            // a syntax error: nothing committed
        }
        assertThat(cache.size()).isEqualTo(before);
    }
}
