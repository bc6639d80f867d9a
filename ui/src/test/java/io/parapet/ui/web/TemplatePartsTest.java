package io.parapet.ui.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TemplatePartsTest {
    @Test
    void separatesTagsFromText() {
        assertThat(TemplateParts.split("Hi {{name}}, {{#vip}}dear{{/vip}} <b>{{{raw}}}</b>"))
                .containsExactly(
                        new TemplateParts.Part("Hi ", false),
                        new TemplateParts.Part("{{name}}", true),
                        new TemplateParts.Part(", ", false),
                        new TemplateParts.Part("{{#vip}}", true),
                        new TemplateParts.Part("dear", false),
                        new TemplateParts.Part("{{/vip}}", true),
                        new TemplateParts.Part(" <b>", false),
                        new TemplateParts.Part("{{{raw}}}", true),
                        new TemplateParts.Part("</b>", false));
    }

    @Test
    void anUnclosedTagIsText() {
        assertThat(TemplateParts.split("Hello {{name}"))
                .containsExactly(new TemplateParts.Part("Hello {{name}", false));
    }
}
