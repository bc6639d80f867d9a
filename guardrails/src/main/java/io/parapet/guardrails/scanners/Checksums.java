package io.parapet.guardrails.scanners;

import java.math.BigInteger;
import java.util.Map;

/** Validity checks that turn a pattern match into a confident finding. */
final class Checksums {
    /** IBAN lengths by country (ISO 13616 registry, the common ones). */
    private static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(
            Map.entry("AD", 24),
            Map.entry("AE", 23),
            Map.entry("AT", 20),
            Map.entry("BE", 16),
            Map.entry("BG", 22),
            Map.entry("BH", 22),
            Map.entry("BR", 29),
            Map.entry("CH", 21),
            Map.entry("CY", 28),
            Map.entry("CZ", 24),
            Map.entry("DE", 22),
            Map.entry("DK", 18),
            Map.entry("EE", 20),
            Map.entry("ES", 24),
            Map.entry("FI", 18),
            Map.entry("FR", 27),
            Map.entry("GB", 22),
            Map.entry("GI", 23),
            Map.entry("GR", 27),
            Map.entry("HR", 21),
            Map.entry("HU", 28),
            Map.entry("IE", 22),
            Map.entry("IL", 23),
            Map.entry("IS", 26),
            Map.entry("IT", 27),
            Map.entry("JO", 30),
            Map.entry("KW", 30),
            Map.entry("KZ", 20),
            Map.entry("LB", 28),
            Map.entry("LI", 21),
            Map.entry("LT", 20),
            Map.entry("LU", 20),
            Map.entry("LV", 21),
            Map.entry("MC", 27),
            Map.entry("MT", 31),
            Map.entry("MU", 30),
            Map.entry("NL", 18),
            Map.entry("NO", 15),
            Map.entry("PK", 24),
            Map.entry("PL", 28),
            Map.entry("PT", 25),
            Map.entry("QA", 29),
            Map.entry("RO", 24),
            Map.entry("RS", 22),
            Map.entry("SA", 24),
            Map.entry("SE", 24),
            Map.entry("SI", 19),
            Map.entry("SK", 24),
            Map.entry("SM", 27),
            Map.entry("TN", 24),
            Map.entry("TR", 26),
            Map.entry("UA", 29),
            Map.entry("VA", 22),
            Map.entry("VG", 24),
            Map.entry("XK", 20));

    private Checksums() {}

    static boolean luhn(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    /**
     * A known issuer's prefix and length: Visa, Mastercard, Amex, Discover, Diners, JCB (35, and the old 15-digit
     * 1800/2131), UnionPay, Maestro.
     */
    static boolean cardIssuer(String d) {
        int n = d.length();
        int p2 = Integer.parseInt(d.substring(0, 2));
        int p4 = Integer.parseInt(d.substring(0, 4));
        int p3 = Integer.parseInt(d.substring(0, 3));
        return (d.charAt(0) == '4' && (n == 13 || n == 16 || n == 19))
                || (((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) && n == 16)
                || ((p2 == 34 || p2 == 37) && n == 15)
                || ((p4 == 6011 || p2 == 65 || (p3 >= 644 && p3 <= 649)) && n >= 16 && n <= 19)
                || (((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38) && n >= 14 && n <= 19)
                || (p2 == 35 && n >= 16 && n <= 19)
                || ((p4 == 1800 || p4 == 2131) && n == 15)
                || (p2 == 62 && n >= 16 && n <= 19)
                || ((p2 == 50 || (p2 >= 56 && p2 <= 69)) && n >= 12 && n <= 19);
    }

    /** ISO 13616: the country's length, then mod-97 of the rearranged number equals 1. */
    static boolean iban(String value) {
        String iban = value.replace(" ", "");
        Integer length = IBAN_LENGTHS.get(iban.substring(0, 2));
        if (length == null || iban.length() != length) {
            return false;
        }
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        StringBuilder numeric = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            numeric.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    /** SSA rules: no area 000, 666 or 900–999; no group 00; no serial 0000. */
    static boolean ssn(String digits) {
        if (digits.length() != 9) {
            return false;
        }
        int area = Integer.parseInt(digits.substring(0, 3));
        int group = Integer.parseInt(digits.substring(3, 5));
        int serial = Integer.parseInt(digits.substring(5));
        return area != 0
                && area != 666
                && area < 900
                && group != 0
                && serial != 0
                && !digits.equals("123456789")
                && !digits.chars().allMatch(c -> c == digits.charAt(0));
    }

    static boolean ipv4(String value) {
        String[] parts = value.split("\\.");
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty()
                    || part.length() > 3
                    || (part.length() > 1 && part.charAt(0) == '0')
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** RFC 4291 text form: eight groups of 1–4 hex digits, or fewer with exactly one "::". */
    static boolean ipv6(String value) {
        int doubleColon = value.indexOf("::");
        if (doubleColon != value.lastIndexOf("::") || value.contains(":::")) {
            return false;
        }
        String[] groups = value.split(":", -1);
        int filled = 0;
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            if (g.isEmpty()) {
                boolean partOfDoubleColon = doubleColon >= 0;
                if (!partOfDoubleColon) {
                    return false;
                }
                continue;
            }
            if (g.length() > 4 || !g.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return false;
            }
            filled++;
        }
        return doubleColon >= 0 ? filled < 8 && filled >= 1 : filled == 8;
    }
}
