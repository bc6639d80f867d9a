package io.parapet.registry;

import io.parapet.core.ParapetException;

/**
 * A reference to one version of a registry entry, written {@code name@label}, {@code name#3} or {@code name} (which
 * means the {@code production} label, as resolve does). Includes ({@code {{> name@label}}}) and the guardrail policy
 * attached to a prompt version use this form.
 */
public record VersionRef(String prompt, String label, Integer version) {

    public static VersionRef parse(String text) {
        return parse(text, "include");
    }

    /** Parses {@code text}; errors name {@code field}. */
    public static VersionRef parse(String text, String field) {
        if (text == null) {
            throw ParapetException.invalidField(field, "is required");
        }
        int hash = text.lastIndexOf('#');
        int at = text.lastIndexOf('@');
        VersionRef ref;
        if (hash > 0) {
            String number = text.substring(hash + 1);
            if (!number.matches("[1-9][0-9]{0,8}")) {
                throw ParapetException.invalidField(field, "'" + text + "' has no valid version number");
            }
            ref = new VersionRef(text.substring(0, hash), null, Integer.parseInt(number));
        } else if (at > 0) {
            ref = new VersionRef(text.substring(0, at), text.substring(at + 1), null);
        } else {
            ref = new VersionRef(text, Names.PRODUCTION, null);
        }
        Names.checkPrompt(ref.prompt, field);
        if (ref.label != null) {
            Names.checkLabel(ref.label, field);
        }
        return ref;
    }

    @Override
    public String toString() {
        return version != null ? prompt + "#" + version : prompt + "@" + label;
    }
}
