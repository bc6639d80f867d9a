package io.parapet.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parapet.core.ParapetException;
import io.parapet.registry.PromptContent;
import io.parapet.registry.PromptType;
import io.parapet.registry.PromptVersion;
import io.parapet.registry.VersionRef;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Include expansion against prompts held in a map: fan-out bombs are refused before anything renders. */
class IncludeExpanderTest {
    private final Map<String, String> templates = new HashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();

    private final Function<VersionRef, PromptVersion> lookup = ref -> {
        lookups.incrementAndGet();
        PromptContent content = new PromptContent(
                PromptType.TEXT, templates.get(ref.prompt()), null, List.of(), null, null, null, null);
        return PromptVersion.of(ref.prompt(), 1, content, "", "", Instant.EPOCH, "", List.of());
    };

    private IncludeExpander.Expanded expand(String rootTemplate) {
        return IncludeExpander.expand(Templates.parse(rootTemplate, "template").includeUses(), "root#1", lookup, 5);
    }

    @Test
    void should_refuse_an_include_used_ten_times_at_each_of_four_levels() {
        // 10 + 100 + 1,000 + 10,000 uses once expanded, from four small templates
        for (int level = 1; level < 4; level++) {
            templates.put("l" + level, ("{{> l" + (level + 1) + "}}").repeat(10));
        }
        templates.put("l4", "");
        assertThatThrownBy(() -> expand("{{> l1}}".repeat(10)))
                .isInstanceOf(ParapetException.class)
                .hasMessageContaining("more than 10000 times once they are expanded");
        assertThat(lookups.get())
                .as("each include was looked up once per path, not once per use")
                .isEqualTo(4);
    }

    @Test
    void should_accept_the_same_fan_out_one_level_shallower() {
        for (int level = 1; level < 3; level++) {
            templates.put("l" + level, ("{{> l" + (level + 1) + "}}").repeat(10));
        }
        templates.put("l3", "end");
        IncludeExpander.Expanded expanded = expand("{{> l1}}".repeat(10)); // 1,110 uses
        assertThat(expanded.sources()).containsOnlyKeys("l1", "l2", "l3");
    }

    @Test
    void should_refuse_includes_that_reach_more_than_a_thousand_templates_by_distinct_paths() {
        // Every template includes ten distinct others: 10 + 100 + 1,000 look-ups to walk, each path its own.
        for (int level = 1; level <= 3; level++) {
            StringBuilder template = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                template.append("{{> n").append(level + 1).append('-').append(i).append("}}");
            }
            for (int i = 0; i < 10; i++) {
                templates.put("n" + level + "-" + i, template.toString());
            }
        }
        for (int i = 0; i < 10; i++) {
            templates.put("n4-" + i, "leaf");
        }
        StringBuilder root = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            root.append("{{> n1-").append(i).append("}}");
        }
        assertThatThrownBy(() -> expand(root.toString()))
                .isInstanceOf(ParapetException.class)
                .hasMessageContaining("includes expand to more than 1000 templates");
        assertThat(lookups.get()).isEqualTo(IncludeExpander.MAX_RESOLVED);
    }
}
