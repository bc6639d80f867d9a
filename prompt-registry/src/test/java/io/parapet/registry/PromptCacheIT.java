package io.parapet.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parapet.core.test.TestDatabase;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class PromptCacheIT extends RegistryTestSupport {
    private Map<String, String> properties;

    @Inject
    PromptService prompts;

    @Inject
    LabelService labels;

    @Inject
    PromptCache cache;

    @Override
    public Map<String, String> getProperties() {
        if (properties == null) {
            properties = new HashMap<>(super.getProperties());
            // During the outage a read gives up after 500 ms instead of the pool's default 5 s.
            properties.put("datasources.default.connection-timeout", "500");
        }
        return properties;
    }

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

    @Test
    void should_ask_a_database_that_is_down_once_a_second_and_serve_last_known_versions_meanwhile() throws Exception {
        prompts.createVersion("outage/a", withLabels(text("a"), "production"), PUBLISHER);
        prompts.createVersion("outage/b", withLabels(text("b"), "production"), PUBLISHER);
        cache.get("outage/a", null, null);
        cache.get("outage/b", null, null);
        cache.invalidateAll(); // nothing is fresh: every lookup below would go to the database
        String database = properties.get("datasources.default.url");
        TestDatabase.cutOff(database, true);
        try {
            long before = cache.databaseReads();
            assertThat(text(cache.get("outage/a", null, null))).isEqualTo("a");
            assertThat(cache.staleSince()).isNotNull();
            for (int i = 0; i < 50; i++) {
                assertThat(text(cache.get("outage/a", null, null))).isEqualTo("a");
                assertThat(text(cache.get("outage/b", null, null))).isEqualTo("b");
            }
            assertThat(cache.databaseReads() - before)
                    .as("one failed read, then last known values without waiting on the database again")
                    .isEqualTo(1);

            Thread.sleep(PromptCache.OUTAGE_RETRY.toMillis() + 100);
            assertThat(text(cache.get("outage/b", null, null))).isEqualTo("b");
            assertThat(cache.databaseReads() - before)
                    .as("asked again after the pause")
                    .isEqualTo(2);
        } finally {
            TestDatabase.cutOff(database, false);
        }
        Thread.sleep(PromptCache.OUTAGE_RETRY.toMillis() + 100);
        assertThat(text(cache.get("outage/a", null, null))).isEqualTo("a");
        assertThat(cache.staleSince()).as("fresh once the database answers").isNull();
    }

    private static String text(ResolvedPrompt prompt) {
        return prompt.render(Map.of()).text();
    }
}
