package io.parapet.registry;

import io.parapet.core.ParapetException;
import java.util.regex.Pattern;

/** The naming rules of the registry, checked in one place. */
public final class Names {
    public static final String PRODUCTION = "production";
    public static final String LATEST = "latest";

    private static final Pattern PROMPT = Pattern.compile("[a-z0-9][a-z0-9._/-]{0,127}");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,35}");
    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9_.:-]{0,63}");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private Names() {}

    /** Prompt and model names: lower case, digits, {@code . _ - /}; {@code /} makes folders. */
    public static String checkPrompt(String name, String field) {
        return check(PROMPT, name, field, "must match ^[a-z0-9][a-z0-9._/-]{0,127}$");
    }

    public static String checkLabel(String name, String field) {
        return check(LABEL, name, field, "must match ^[a-z0-9][a-z0-9_.-]{0,35}$");
    }

    public static String checkTag(String name, String field) {
        return check(TAG, name, field, "must match ^[a-z0-9][a-z0-9_.:-]{0,63}$");
    }

    public static String checkVariable(String name, String field) {
        return check(VARIABLE, name, field, "must match ^[A-Za-z_][A-Za-z0-9_]{0,63}$");
    }

    private static String check(Pattern pattern, String value, String field, String rule) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw ParapetException.invalidField(field, "'" + value + "' " + rule);
        }
        return value;
    }
}
