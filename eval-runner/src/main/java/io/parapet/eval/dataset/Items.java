package io.parapet.eval.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parapet.core.ContentHash;
import io.parapet.core.Json;
import io.parapet.registry.Names;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of one dataset item, checked the same way whether it arrives in a JSON body, a JSONL line, a CSV row or
 * a JSON array element. An item is {@code {id?, variables, messages?, expected?, metadata?, tags?}}; promptfoo's
 * {@code vars} is read as {@code variables}, and a flat object without either has its other fields as variables.
 */
final class Items {
    static final int MAX_ITEM_CHARS = 256 * 1024;
    private static final int MAX_VARIABLES = 200;
    private static final int MAX_MESSAGES = 100;
    private static final int MAX_TAGS = 32;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");
    private static final Set<String> FIELDS =
            Set.of("id", "variables", "vars", "messages", "expected", "metadata", "tags");
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant");

    private Items() {}

    /** Why a row is not an item; carries no stack trace, there are many. */
    static final class Invalid extends Exception {
        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }

    /** A checked item: its id (null when the row gave none) and its canonical JSON without the id. */
    record Checked(String id, String canonical) {
        /** The id the item is stored under: its own, or one derived from its content. */
        String storedId() {
            return id != null ? id : "h" + ContentHash.sha256(canonical).substring(0, 15);
        }
    }

    static Checked check(JsonNode row) throws Invalid {
        if (row == null || !row.isObject()) {
            throw new Invalid("an item must be a JSON object");
        }
        String id = null;
        if (row.has("id") && !row.get("id").isNull()) {
            id = row.get("id").asText();
            if (!ID.matcher(id).matches()) {
                throw new Invalid("id '" + cut(id) + "' must match ^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$");
            }
        }
        ObjectNode item = Json.mapper().createObjectNode();
        item.set("variables", variables(row));
        JsonNode messages = row.get("messages");
        if (messages != null && !messages.isNull()) {
            item.set("messages", messages(messages));
        }
        JsonNode expected = row.get("expected");
        if (expected != null && !expected.isNull()) {
            item.set("expected", expected);
        }
        JsonNode metadata = row.get("metadata");
        if (metadata != null && !metadata.isNull()) {
            if (!metadata.isObject()) {
                throw new Invalid("metadata must be an object");
            }
            item.set("metadata", metadata);
        }
        JsonNode tags = row.get("tags");
        if (tags != null && !tags.isNull()) {
            item.set("tags", tags(tags));
        }
        checkValues(item, "item");
        String canonical = ContentHash.canonical(item);
        if (canonical.length() > MAX_ITEM_CHARS) {
            throw new Invalid("the item is " + canonical.length() + " characters; at most " + MAX_ITEM_CHARS);
        }
        return new Checked(id, canonical);
    }

    private static JsonNode variables(JsonNode row) throws Invalid {
        JsonNode given = row.has("variables") ? row.get("variables") : row.get("vars");
        ObjectNode variables;
        if (given != null) {
            if (!given.isObject()) {
                throw new Invalid("variables must be an object of name: value");
            }
            variables = (ObjectNode) given;
        } else {
            variables = Json.mapper().createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!FIELDS.contains(field.getKey())) {
                    variables.set(field.getKey(), field.getValue());
                }
            }
        }
        if (variables.size() > MAX_VARIABLES) {
            throw new Invalid("an item has at most " + MAX_VARIABLES + " variables, not " + variables.size());
        }
        for (Iterator<String> names = variables.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            try {
                Names.checkVariable(name, "variables");
            } catch (RuntimeException e) {
                throw new Invalid("variable name '" + cut(name) + "' must match ^[A-Za-z_][A-Za-z0-9_]{0,63}$");
            }
        }
        return variables;
    }

    private static JsonNode messages(JsonNode messages) throws Invalid {
        if (!messages.isArray() || messages.size() > MAX_MESSAGES) {
            throw new Invalid("messages must be an array of at most " + MAX_MESSAGES + " {role, content}");
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            if (!ROLES.contains(m.path("role").asText()) || !m.path("content").isTextual()) {
                throw new Invalid("messages[" + i + "] must be {role: system|developer|user|assistant, content: text}");
            }
        }
        return messages;
    }

    private static JsonNode tags(JsonNode tags) throws Invalid {
        if (!tags.isArray() || tags.size() > MAX_TAGS) {
            throw new Invalid("tags must be an array of at most " + MAX_TAGS + " tags");
        }
        for (JsonNode tag : tags) {
            try {
                Names.checkTag(tag.asText(), "tags");
            } catch (RuntimeException e) {
                throw new Invalid("tag '" + cut(tag.asText()) + "' must match ^[a-z0-9][a-z0-9_.:-]{0,63}$");
            }
        }
        return tags;
    }

    /**
     * Refuses what a stored item could not carry faithfully: text with a lone UTF-16 surrogate (not Unicode, so not
     * UTF-8 either) and numbers beyond a double's range (1e999999 would come back as something else).
     */
    private static void checkValues(JsonNode node, String path) throws Invalid {
        if (node.isTextual()) {
            if (loneSurrogate(node.asText())) {
                throw new Invalid(path + " holds a lone UTF-16 surrogate, which is not Unicode text");
            }
        } else if (node.isNumber()) {
            if (Double.isInfinite(node.asDouble())) {
                throw new Invalid(path + " is a number beyond the range of a double");
            }
        } else if (node.isContainerNode()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (loneSurrogate(field.getKey())) {
                    throw new Invalid(path + " has a field name with a lone UTF-16 surrogate");
                }
                checkValues(field.getValue(), path + "." + cut(field.getKey()));
            }
            for (int i = 0; node.isArray() && i < node.size(); i++) {
                checkValues(node.get(i), path + "[" + i + "]");
            }
        }
    }

    private static boolean loneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** Echoes at most 40 characters of a bad value: errors are read by people, and rows can be huge. */
    static String cut(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
