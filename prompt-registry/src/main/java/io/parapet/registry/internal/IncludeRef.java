package io.parapet.registry.internal;

import io.parapet.core.ParapetException;
import io.parapet.registry.Names;

/**
 * An include written {@code {{> name@label}}}, {@code {{> name#3}}} or {@code {{> name}}} (which means the
 * {@code production} label, as resolve does).
 */
public record IncludeRef(String prompt, String label, Integer version) {

    public static IncludeRef parse(String text) {
        int hash = text.lastIndexOf('#');
        int at = text.lastIndexOf('@');
        IncludeRef ref;
        if (hash > 0) {
            String number = text.substring(hash + 1);
            if (!number.matches("[1-9][0-9]{0,8}")) {
                throw ParapetException.invalidField("include", "'" + text + "' has no valid version number");
            }
            ref = new IncludeRef(text.substring(0, hash), null, Integer.parseInt(number));
        } else if (at > 0) {
            ref = new IncludeRef(text.substring(0, at), text.substring(at + 1), null);
        } else {
            ref = new IncludeRef(text, Names.PRODUCTION, null);
        }
        Names.checkPrompt(ref.prompt, "include");
        if (ref.label != null) {
            Names.checkLabel(ref.label, "include");
        }
        return ref;
    }
}
