package io.parapet.guardrails.scanners;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.re2j.Pattern;
import io.parapet.guardrails.Finding;
import io.parapet.guardrails.ScanContext;
import io.parapet.guardrails.ScanResult;
import io.parapet.guardrails.spi.Cancellation;
import io.parapet.guardrails.spi.EntityRecognizer;
import io.parapet.guardrails.spi.ScanText;
import io.parapet.guardrails.spi.Scanner;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Pattern-based PII: e-mail, phone (libphonenumber), credit card (Luhn and issuer), IBAN (mod-97), IP (v4 and v6),
 * URL and domain, US SSN (SSA rules), US driver licence and date of birth (both only near context words, as a
 * bare number or date is no evidence). Context words before a match raise its score, as in Presidio. PERSON,
 * LOCATION, ORGANIZATION and STREET_ADDRESS come from a pluggable {@link EntityRecognizer}. Entity names follow
 * Presidio's, so figures compare.
 */
final class PiiScanner implements Scanner {
    static final List<String> ENTITIES = List.of(
            "EMAIL_ADDRESS",
            "PHONE_NUMBER",
            "CREDIT_CARD",
            "IBAN_CODE",
            "IP_ADDRESS",
            "URL",
            "DOMAIN_NAME",
            "US_SSN",
            "US_DRIVER_LICENSE",
            "DATE_OF_BIRTH",
            "PERSON",
            "LOCATION",
            "ORGANIZATION",
            "STREET_ADDRESS");
    /** What the {@link EntityRecognizer} finds; street addresses only the trained head (since 2026-12-07). */
    static final List<String> NAMED_ENTITIES = List.of("PERSON", "LOCATION", "ORGANIZATION", "STREET_ADDRESS");

    private static final Pattern EMAIL =
            Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,24}");
    private static final Pattern CARD = Pattern.compile("\\b\\d(?:[ -]?\\d){11,18}\\b");
    private static final Pattern IBAN =
            Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\\b");
    private static final Pattern IPV4 = Pattern.compile("\\b\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\b");
    private static final Pattern IPV6 = Pattern.compile("(?i)(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}");
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?|ftp)://[^\\s<>\"'`]+[^\\s<>\"'`.,;:!?)\\]]");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?i)\\b(?:www\\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+"
                    + "(?:com|org|net|edu|gov|mil|int|io|ai|co|info|biz|app|dev|me|us|uk|de|fr|es|it|nl|be|ch|at|se|no|dk|fi|pl|ru"
                    + "|cn|jp|kr|in|au|ca|br|mx|za|nz|ie|pt|gr|cz|hu|ro|il|tr|ua|eu|tv|xyz|online|site|shop|tech|cloud)\\b");
    private static final Pattern SSN = Pattern.compile("\\b\\d{3}([- ]?)\\d{2}([- ]?)\\d{4}\\b");
    private static final Pattern LICENSE =
            Pattern.compile("\\b(?:[A-Z]{1,2}\\d{5,8}|[A-Z]\\d{3}-\\d{3}-\\d{2}-\\d{3}-\\d|\\d{7,9})\\b");
    private static final Pattern DATE = Pattern.compile(
            "(?i)\\b(?:\\d{1,2}[/.-]\\d{1,2}[/.-](?:19|20)?\\d{2}|(?:19|20)\\d{2}-\\d{2}-\\d{2}"
                    + "|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.? \\d{1,2}(?:st|nd|rd|th)?,? (?:19|20)\\d{2}"
                    + "|\\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*,? (?:19|20)\\d{2})\\b");

    private static final String DIGIT_RUN_CHARS = "0123456789 -.";
    private static final String IBAN_RUN_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ";
    private static final int MIN_PHONE_DIGITS = 7;
    private static final String PHONE_CHARS = "0123456789+()-. /x";
    private static final Pattern SSN_SHAPE = Pattern.compile("\\d{3}-\\d{2}-\\d{4}");
    /** A phone candidate that starts with an ISO date is a timestamp ("2018-01-14 03:22"). */
    private static final Pattern ISO_DATE_START = Pattern.compile("(?s)(?:19|20)\\d{2}-\\d{2}-\\d{2}(?:\\D.*)?");

    private static final List<String> PHONE_REGIONS =
            List.of("US", "GB", "DE", "FR", "CH", "IL", "IN", "CA", "BR", "AU");
    private static final List<String> PHONE_WORDS =
            List.of("phone", "call", "tel", "mobile", "cell", "fax", "whatsapp", "number");
    private static final List<String> CARD_WORDS =
            List.of("card", "visa", "mastercard", "amex", "credit", "debit", "cc");
    private static final List<String> SSN_WORDS = List.of("ssn", "social security", "social sec");
    private static final List<String> IP_WORDS = List.of("ip", "address", "server", "host");
    private static final List<String> VERSION_WORDS = List.of("version", "release", "build", " v", "firmware");
    private static final List<String> LICENSE_WORDS = List.of("driver", "license", "licence", "dl#", "dl ", "driving");
    private static final List<String> BIRTH_WORDS = List.of("born", "birth", "dob", "b-day", "birthday");

    private final Set<String> entities;
    private final String region;
    private final EntityRecognizer recognizer;

    PiiScanner(Set<String> entities, String region, EntityRecognizer recognizer) {
        this.entities = entities;
        this.region = region;
        this.recognizer = recognizer;
    }

    @Override
    public ScanResult scan(ScanText text, ScanContext context) {
        String n = text.normalized();
        String lower = n.toLowerCase(java.util.Locale.ROOT);
        List<int[]> digitRuns = Matches.runs(n, DIGIT_RUN_CHARS, 4);
        List<Finding> found = new ArrayList<>();
        if (wants("EMAIL_ADDRESS")) {
            found.addAll(
                    Matches.findIn(text, Matches.tokensContaining(n, '@'), EMAIL, "EMAIL_ADDRESS", 0.95, v -> true));
        }
        if (wants("CREDIT_CARD")) {
            for (Finding f : Matches.findIn(text, digitRuns, CARD, "CREDIT_CARD", 0.9, v -> {
                String d = Matches.digits(v);
                return d.length() >= 12 && Checksums.luhn(d) && Checksums.cardIssuer(d);
            })) {
                found.add(boost(f, n, text, CARD_WORDS));
            }
        }
        if (wants("IBAN_CODE")) {
            found.addAll(Matches.findIn(
                    text, Matches.runs(n, IBAN_RUN_CHARS, 10), IBAN, "IBAN_CODE", 0.95, Checksums::iban));
        }
        if (wants("IP_ADDRESS")) {
            for (Finding f : Matches.findIn(text, digitRuns, IPV4, "IP_ADDRESS", 0.7, Checksums::ipv4)) {
                Finding scored = boost(f, n, text, IP_WORDS);
                // "version 1.2.3.4" is a version number, not an address: context lowers the score too.
                found.add(
                        Matches.contextBefore(n, normalizedIndexOf(text, f.start()), VERSION_WORDS)
                                ? withScore(scored, scored.score() - Matches.CONTEXT_BOOST)
                                : scored);
            }
            found.addAll(Matches.findIn(
                    text,
                    Matches.tokensContaining(n, ':'),
                    IPV6,
                    "IP_ADDRESS",
                    0.85,
                    v -> v.length() >= 3 && Checksums.ipv6(v)));
        }
        if (wants("URL")) {
            found.addAll(Matches.findIn(text, Matches.tokensContaining(n, ':'), URL, "URL", 0.6, v -> true));
        }
        if (wants("DOMAIN_NAME")) {
            found.addAll(
                    Matches.findIn(text, Matches.tokensContaining(n, '.'), DOMAIN, "DOMAIN_NAME", 0.55, v -> true));
        }
        if (wants("US_SSN")) {
            for (Finding f : Matches.findIn(
                    text,
                    digitRuns,
                    SSN,
                    "US_SSN",
                    0.5,
                    v -> Checksums.ssn(Matches.digits(v)) && consistentSeparators(v))) {
                double base = f.text().contains("-") ? 0.85 : 0.4;
                found.add(boost(withScore(f, base), n, text, SSN_WORDS));
            }
        }
        if (wants("PHONE_NUMBER")) {
            found.addAll(phones(text));
        }
        if (wants("US_DRIVER_LICENSE") && Matches.mentionsAny(lower, LICENSE_WORDS)) {
            found.addAll(nearContext(text, LICENSE, "US_DRIVER_LICENSE", 0.65, LICENSE_WORDS));
        }
        if (wants("DATE_OF_BIRTH") && Matches.mentionsAny(lower, BIRTH_WORDS)) {
            found.addAll(nearContext(text, DATE, "DATE_OF_BIRTH", 0.85, BIRTH_WORDS));
        }
        if (NAMED_ENTITIES.stream().anyMatch(this::wants)) {
            recognizer.recognize(text).stream().filter(f -> wants(f.type())).forEach(found::add);
        }
        List<Finding> resolved = yielding(found, STRUCTURED, NAMED_ENTITIES);
        resolved = yielding(resolved, Set.of("STREET_ADDRESS"), Set.of("PHONE_NUMBER"));
        return ScanResult.of(Matches.strongestNonOverlapping(resolved));
    }

    /** Findings whose structure is checked: a name inside one is part of it. */
    private static final Set<String> STRUCTURED = Set.of("EMAIL_ADDRESS", "URL", "DOMAIN_NAME", "IP_ADDRESS");

    /**
     * Drops findings of the weak types that overlap one of the strong types, however high they score. A name inside
     * an e-mail address, a URL, a domain or an IP address is part of it: in "www.TomLeonard.net" the name's higher
     * score used to leave "https://www.[PERSON].net/blog" in a redacted text. A phone number inside a street address
     * is its house number and postcode: "55470 72 Acheron Road Apt. 237" is a possible phone number and a street, and
     * the phone's higher score used to leave the street in the redacted text. Linear in the text: the strong findings
     * mark what they cover.
     */
    private static List<Finding> yielding(List<Finding> found, Set<String> strong, Collection<String> weak) {
        BitSet covered = new BitSet();
        found.stream().filter(f -> strong.contains(f.type())).forEach(f -> covered.set(f.start(), f.end()));
        if (covered.isEmpty()) {
            return found;
        }
        return found.stream()
                .filter(f -> !weak.contains(f.type()) || !overlaps(covered, f))
                .toList();
    }

    private static boolean overlaps(BitSet covered, Finding f) {
        int next = covered.nextSetBit(f.start());
        return next >= 0 && next < f.end();
    }

    /**
     * Numbers that are possible in the configured region or one of {@link #PHONE_REGIONS} (as Presidio does);
     * numbers that are also valid (an assigned range) score higher.
     */
    private List<Finding> phones(ScanText text) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        List<Finding> found = new ArrayList<>();
        List<String> regions = new ArrayList<>(List.of(region));
        PHONE_REGIONS.stream().filter(r -> !r.equals(region)).forEach(regions::add);
        for (int[] window : Matches.runs(text.normalized(), PHONE_CHARS, MIN_PHONE_DIGITS)) {
            Cancellation.checkpoint();
            String slice = text.normalized().substring(window[0], window[1]);
            for (String r : regions) {
                int before = found.size();
                for (PhoneNumberMatch m :
                        util.findNumbers(slice, r, PhoneNumberUtil.Leniency.POSSIBLE, Long.MAX_VALUE)) {
                    phone(text, window[0] + m.start(), window[0] + m.end(), m, util)
                            .ifPresent(found::add);
                }
                if (found.subList(before, found.size()).stream().anyMatch(f -> f.score() >= 0.5)) {
                    break; // the first region (the configured one first) that reads a countable number wins
                }
            }
        }
        return found;
    }

    private java.util.Optional<Finding> phone(
            ScanText text, int start, int end, PhoneNumberMatch match, PhoneNumberUtil util) {
        int digits = Matches.digits(match.rawString()).length();
        boolean insideToken =
                start > 0 && Character.isLetterOrDigit(text.normalized().charAt(start - 1));
        if (insideToken
                || digits < MIN_PHONE_DIGITS
                || digits > 15
                || SSN_SHAPE.matches(match.rawString())
                || ISO_DATE_START.matcher(match.rawString()).matches()) {
            return java.util.Optional.empty(); // too short or long for E.164, part of a token, an SSN or a timestamp
        }
        // Valid means an assigned range; merely possible numbers need a context word to count.
        double score = util.isValidNumber(match.number()) ? 0.75 : 0.45;
        Finding f = Matches.finding(text, "PHONE_NUMBER", start, end, score);
        return java.util.Optional.of(boost(f, text.normalized(), text, PHONE_WORDS));
    }

    /** Matches that count only after a context word (a bare date or number is no evidence of PII). */
    private static List<Finding> nearContext(
            ScanText text, Pattern pattern, String type, double score, List<String> words) {
        List<Finding> found = new ArrayList<>();
        var m = pattern.matcher(Cancellation.watched(text.normalized()));
        while (m.find()) {
            if (Matches.contextBefore(text.normalized(), m.start(), words)) {
                found.add(Matches.finding(text, type, m.start(), m.end(), score));
            }
        }
        return found;
    }

    private static Finding boost(Finding f, String normalized, ScanText text, List<String> words) {
        int at = Math.min(normalizedIndexOf(text, f.start()), normalized.length());
        return Matches.contextBefore(normalized, at, words) ? withScore(f, f.score() + Matches.CONTEXT_BOOST) : f;
    }

    /** The normalized index of an original offset (the first normalized character at or after it). */
    private static int normalizedIndexOf(ScanText text, int originalStart) {
        if (text.original().equals(text.normalized())) {
            return originalStart;
        }
        // Original offsets grow with normalized ones, so search: a linear walk per finding is quadratic in the text.
        int low = 0;
        int high = text.normalized().length();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (text.originalSpan(mid, mid + 1)[0] >= originalStart) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    private static Finding withScore(Finding f, double score) {
        return new Finding(f.type(), f.start(), f.end(), f.text(), Math.min(1, score));
    }

    private static boolean consistentSeparators(String v) {
        String separators = v.replaceAll("\\d", "");
        return separators.isEmpty() || separators.equals("--") || separators.equals("  ");
    }

    private boolean wants(String entity) {
        return entities.contains(entity);
    }
}
