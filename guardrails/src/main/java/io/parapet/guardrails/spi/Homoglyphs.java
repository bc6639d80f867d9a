package io.parapet.guardrails.spi;

/**
 * Cyrillic and Greek letters that are drawn like Latin ones, as used to slip words past filters ("раypal" with a
 * Cyrillic "р" and "а"). A deliberately small table: only letters whose usual glyphs are indistinguishable.
 */
final class Homoglyphs {
    private static final String FROM = "аеорсхуіјѕԁһӏԛԝАВЕКМНОРСТХІЈЅαοντρκΑΒΕΖΗΙΚΜΝΟΡΤΥΧ";
    private static final String TO = "aeopcxyijsdhlqwABEKMHOPCTXIJSaovtpkABEZHIKMNOPTYX";

    private Homoglyphs() {}

    /** The Latin letter {@code c} imitates, or 0 when it is not a known homoglyph. */
    static char latinFor(char c) {
        int at = FROM.indexOf(c);
        return at < 0 ? 0 : TO.charAt(at);
    }
}
