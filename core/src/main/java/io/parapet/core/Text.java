package io.parapet.core;

/**
 * Rules for user text that is stored: it must survive a round trip exactly. NUL cannot be stored in a PostgreSQL
 * text column and a lone surrogate has no UTF-8 encoding, so both are rejected with a reason instead of being
 * silently altered. Everything else, bidi controls included, is stored verbatim.
 */
public final class Text {
    private Text() {}

    public static String requireStorable(String value, String field) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                throw ParapetException.invalidField(
                        field, "contains a NUL character (U+0000) at index " + i + "; NUL cannot be stored");
            }
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw ParapetException.invalidField(
                        field,
                        "contains a lone surrogate (U+" + Integer.toHexString(c).toUpperCase() + ") at index " + i
                                + "; it is not valid Unicode");
            }
        }
        return value;
    }

    /**
     * At most {@code max} characters of {@code value} for a message, ending in "…" when cut; never splits a
     * surrogate pair.
     */
    public static String clip(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return value.substring(0, end) + "…";
    }
}
