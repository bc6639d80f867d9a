package io.parapet.ui.web;

import io.parapet.registry.Message;
import io.parapet.registry.PromptType;
import io.parapet.registry.PromptVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a template into plain text and mustache tags, so a page can highlight the variables while the template
 * engine escapes every piece. (Nothing here is trusted HTML.)
 */
public final class TemplateParts {
    private static final Pattern TAG = Pattern.compile("\\{\\{\\{?[^}]*}?}}");

    /** A run of template text; {@code tag} when it is a {{...}} tag. */
    public record Part(String text, boolean tag) {}

    /** A message (role) or the text template (role null), as parts. */
    public record Block(String role, List<Part> parts) {}

    private TemplateParts() {}

    public static List<Block> of(PromptVersion v) {
        if (v.type() == PromptType.CHAT) {
            List<Block> blocks = new ArrayList<>();
            for (Message m : v.messages()) {
                blocks.add(new Block(m.role(), split(m.content())));
            }
            return blocks;
        }
        if (v.type() == PromptType.POLICY) {
            return List.of(new Block(null, List.of(new Part(io.parapet.core.Json.write(v.policy()), false))));
        }
        return List.of(new Block(null, split(v.template())));
    }

    static List<Part> split(String source) {
        List<Part> parts = new ArrayList<>();
        if (source == null) {
            return parts;
        }
        Matcher m = TAG.matcher(source);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                parts.add(new Part(source.substring(at, m.start()), false));
            }
            parts.add(new Part(m.group(), true));
            at = m.end();
        }
        if (at < source.length()) {
            parts.add(new Part(source.substring(at), false));
        }
        return parts;
    }
}
