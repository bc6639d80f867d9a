package io.parapet.ui.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parapet.core.ParapetException;
import io.parapet.registry.PromptType;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EditorFormTest {
    private static Map<String, String> form() {
        Map<String, String> f = new HashMap<>();
        f.put("name", "support/bot");
        f.put("type", "chat");
        f.put("msg.role.0", "system");
        f.put("msg.content.0", "You help {{customer}}.");
        f.put("msg.role.1", "user");
        f.put("msg.content.1", "");
        f.put("model", "gpt#2");
        f.put("parameters", "{\"temperature\": 0.2}");
        f.put("tags", " a, b ,,");
        f.put("commitMessage", " tone ");
        f.put("var.customer", "Ada");
        return f;
    }

    @Test
    void readsMessagesModelParametersAndSamples() {
        var request = EditorForm.read(form()).toRequest();
        assertThat(request.type()).isEqualTo(PromptType.CHAT);
        assertThat(request.messages()).hasSize(1); // the empty "add a message" row is dropped
        assertThat(request.model().name()).isEqualTo("gpt");
        assertThat(request.model().version()).isEqualTo(2);
        assertThat(request.model().parameters().temperature()).isEqualTo(0.2);
        assertThat(request.tags()).containsExactly("a", "b");
        assertThat(request.commitMessage()).isEqualTo("tone");
        assertThat(EditorForm.read(form()).sampleValues()).containsEntry("customer", "Ada");
    }

    @Test
    void badJsonNamesTheFieldAndWhere() {
        Map<String, String> f = form();
        f.put("parameters", "{\"temperature\": }");
        assertThatThrownBy(() -> EditorForm.read(f).toRequest())
                .isInstanceOf(ParapetException.class)
                .satisfies(
                        e -> assertThat(((ParapetException) e).errors().get(0).field())
                                .isEqualTo("parameters"))
                .hasMessageContaining("line 1");
    }

    @Test
    void parametersNeedAModel() {
        Map<String, String> f = form();
        f.put("model", "");
        assertThatThrownBy(() -> EditorForm.read(f).toRequest()).hasMessageContaining("choose a model");
    }
}
