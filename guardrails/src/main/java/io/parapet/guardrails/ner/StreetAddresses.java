package io.parapet.guardrails.ner;

import io.parapet.guardrails.ner.EntityHead.Span;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Street addresses from the entity head's {@code STREET_ADDRESS} class, and the names inside them. The head reads a
 * street named after a person or a town ("Rue Victor Hugo", "2450 Crown St") as a name; typed as a person or a place it
 * is a wrong finding, and left out it would leak the address. So a name that follows an address on its line, with
 * only spaces between, becomes part of the address span. A town on the next line, or after a comma, stays a place:
 * that is how postal addresses are written and how Presidio's data labels them.
 */
final class StreetAddresses {
    static final String TYPE = "STREET_ADDRESS";
    private static final int LONGEST_WRITTEN = 40;

    private StreetAddresses() {}

    /**
     * A run of address words, {@code first} to {@code last} inclusive, scored by its least certain address word (a
     * number that joined it does not lower it); {@code street} when one of them has two letters or more (a street,
     * "Apt", "Box"), else it is a number alone.
     */
    record Run(int first, int last, double score, boolean street) {}

    /**
     * Runs of words more likely part of a street address than not, on one line, with at most spaces between them;
     * punctuation at either end is left out. A run must have a number (a house, flat or box number): a town alone on
     * a line of an address block is a place, and the caller reads it as one. A number the head calls personal data of
     * any kind joins a run, as a capitalized neighbour joins a name: the head often cannot tell a house number from
     * a postcode or a date ("to 2450 Crown St" read the number as OTHER), and the street beside it decides. So a run
     * also needs a word the head calls part of an address: numbers alone, "2014" or "48", are not one, and do not take
     * in the name after them ("the 2014 Yankees"). A flat or suite beside a street joins it ({@link #withUnits}).
     */
    static List<Run> runs(String text, Words words, double[] address, double[] ordinary) {
        List<Run> runs = headRuns(text, words, address, ordinary);
        double[] withUnits = withUnits(text, words, runs, address);
        return withUnits == address ? runs : headRuns(text, words, withUnits, ordinary);
    }

    private static List<Run> headRuns(String text, Words words, double[] address, double[] ordinary) {
        List<Run> runs = new ArrayList<>();
        int first = -1;
        int last = -1;
        boolean digit = false;
        boolean word = false;
        double score = Double.NaN; // least certain address word; none yet
        for (int w = 0; w <= words.size(); w++) {
            boolean in = w < words.size() && (address[w] >= 0.5 || personalNumber(text, words, w, ordinary[w]));
            boolean joins = in && first >= 0 && Words.spacesOnly(text, words.end(w - 1), words.start(w));
            if (first >= 0 && !joins) {
                if (digit && !Double.isNaN(score)) {
                    runs.add(new Run(first, last, score, word));
                }
                first = -1;
            }
            if (!in || first < 0 && words.punctuation(w)) {
                continue; // a run starts at a letter or a digit
            }
            if (first < 0) {
                first = w;
                digit = false;
                word = false;
                score = Double.NaN;
            }
            if (!words.punctuation(w)) {
                last = w;
                if (address[w] >= 0.5) {
                    score = Double.isNaN(score) ? address[w] : Math.min(score, address[w]);
                }
                digit |= number(text, words, w);
                word |= street(text, words, w);
            }
        }
        return runs;
    }

    /**
     * A flat, suite or floor written on an address's line or the line after it ("Apt. 805", "Suite 442"): the head
     * often reads the designator as a name and leaves the number out, or calls the number an address alone, and the
     * redacted address would keep its unit. A designator followed by a number, as in "Apt. 805" or "Suite #442", is
     * read as part of the street address written beside it, as certain as that address: the address words with the
     * units raised, or the same array when there is none. Without a street beside it the designator adds nothing:
     * "Room 101" is what the head makes of it. One pass over the words.
     */
    private static double[] withUnits(String text, Words words, List<Run> runs, double[] address) {
        if (runs.isEmpty()) {
            return address; // the common case
        }
        int[] line = lines(text, words);
        double[] streetOnLine = new double[line[words.size() - 1] + 1]; // the score of a street on each line
        Arrays.fill(streetOnLine, Double.NaN);
        for (Run r : runs) {
            if (r.street() && Double.isNaN(streetOnLine[line[r.first()]])) {
                streetOnLine[line[r.first()]] = r.score();
            }
        }
        double[] raised = address;
        for (int w = 0; w + 1 < words.size(); w++) {
            int n = words.punctuation(w + 1) ? w + 2 : w + 1; // "Apt. 805", "Suite #442"
            if (!words.isUnitDesignator(w)
                    || n >= words.size()
                    || !unitMark(text, words.end(w), words.start(n))
                    || !number(text, words, n)) {
                continue;
            }
            double street = streetOnLine[line[w]];
            if (Double.isNaN(street) && line[w] > 0) {
                street = streetOnLine[line[w] - 1];
            }
            if (Double.isNaN(street)) {
                continue;
            }
            raised = raised == address ? address.clone() : raised;
            for (int i = w; i <= n; i++) {
                raised[i] = Math.max(raised[i], street);
            }
        }
        return raised;
    }

    /**
     * Which words sit in an address block: on an address's line or the line before or after it, where a town, a
     * region or a country is written ("Suite 501" / "Riisa"). Only there does an address word count towards a name.
     */
    static boolean[] nearby(String text, Words words, List<Run> runs) {
        boolean[] near = new boolean[words.size()];
        if (runs.isEmpty()) {
            return near;
        }
        int[] line = lines(text, words);
        boolean[] blockLine = new boolean[line[words.size() - 1] + 2];
        for (Run r : runs) {
            int l = line[r.first()]; // a run is on one line
            blockLine[Math.max(0, l - 1)] = true;
            blockLine[l] = true;
            blockLine[l + 1] = true;
        }
        for (int w = 0; w < words.size(); w++) {
            near[w] = blockLine[line[w]];
        }
        return near;
    }

    /** Whether only spaces, and at most one full stop or number sign, stand between a unit and its number. */
    private static boolean unitMark(String text, int from, int to) {
        int marks = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '.' || c == '#') {
                marks++;
            } else if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return marks <= 1;
    }

    /** The line of each word: the line breaks before it, counted in one pass. */
    private static int[] lines(String text, Words words) {
        int[] line = new int[words.size()];
        int breaks = 0;
        int at = 0;
        for (int w = 0; w < words.size(); w++) {
            for (; at < words.start(w); at++) {
                breaks += text.charAt(at) == '\n' ? 1 : 0;
            }
            line[w] = breaks;
        }
        return line;
    }

    /** Which words the runs cover. */
    static boolean[] covered(int words, List<Run> runs) {
        boolean[] in = new boolean[words];
        runs.forEach(r -> Arrays.fill(in, r.first(), r.last() + 1, true));
        return in;
    }

    /**
     * The names, and the addresses. An address takes in what follows it on its line with only spaces between, names
     * included: the street after a house number ("2450 Crown St", "88 Rue Victor Hugo"). A name before an address
     * stays a name ("Hungary 34796": a country before its postcode). An address needs a word of two letters or more,
     * its own or a name it took in: a number alone ("in 2150") is not one.
     */
    static List<Span> withNames(String text, Words words, List<Run> runs, List<Span> names) {
        if (runs.isEmpty()) {
            return names; // the common case
        }
        List<Segment> segments = new ArrayList<>();
        names.forEach(n -> segments.add(new Segment(n, false, true)));
        runs.forEach(r -> segments.add(
                new Segment(new Span(TYPE, words.start(r.first()), words.end(r.last()), r.score()), true, r.street())));
        segments.sort(Comparator.comparingInt(s -> s.span().start()));
        List<Span> out = new ArrayList<>();
        Segment group = null;
        for (Segment next : segments) {
            if (group != null
                    && group.address()
                    && Words.spacesOnly(text, group.span().end(), next.span().start())) {
                group = group.join(next);
            } else {
                emit(group, out);
                group = next;
            }
        }
        emit(group, out);
        return out;
    }

    private static void emit(Segment group, List<Span> out) {
        if (group != null && group.words()) {
            out.add(group.span());
        }
    }

    /**
     * A house, flat or box number: the word, as written between spaces, starts with a digit and has at most one letter
     * ("2450", "12B", "2450,"). The tokenizer splits "3rd" into "3" and "rd", so the word is judged whole. A handle or
     * a word with digits in it ("@L1LDebbie", "3peat") is neither a number nor a street, and an ordinal ("the 3rd",
     * "14th of March") is a date more often than a house: in the batch of 10,000 mixed lines such words were found as
     * addresses. "5th Avenue" needs its house number. A full stop between digits makes an IP address, a version or a
     * date ("the address 41.173.96.26"), not a house number.
     */
    static boolean number(String text, Words words, int w) {
        String written = written(text, words, w);
        return !written.isEmpty()
                && Character.isDigit(written.charAt(0))
                && written.codePoints().filter(Character::isLetter).count() <= 1
                && !stopBetweenDigits(written);
    }

    private static boolean stopBetweenDigits(String written) {
        for (int i = written.indexOf('.'); i > 0 && i + 1 < written.length(); i = written.indexOf('.', i + 1)) {
            if (Character.isDigit(written.charAt(i - 1)) && Character.isDigit(written.charAt(i + 1))) {
                return true;
            }
        }
        return false;
    }

    /** A street, "Apt" or "Box": two letters or more, no digit (as written between spaces), not a function word. */
    private static boolean street(String text, Words words, int w) {
        String written = written(text, words, w);
        return words.mayBeName(w)
                && written.codePoints().filter(Character::isLetter).count() >= 2
                && written.chars().noneMatch(Character::isDigit);
    }

    /**
     * The word as written between spaces, without the punctuation that opens it ("(12B)" is "12B)"); empty if it is
     * longer than {@link #LONGEST_WRITTEN} characters, which no number or street is, so that a text without spaces
     * costs no more than one with them.
     */
    private static String written(String text, Words words, int w) {
        int from = words.start(w);
        int to = words.end(w);
        int limit = LONGEST_WRITTEN - (to - from);
        while (from > 0 && !Character.isWhitespace(text.charAt(from - 1)) && limit-- > 0) {
            from--;
        }
        while (to < text.length() && !Character.isWhitespace(text.charAt(to)) && limit-- > 0) {
            to++;
        }
        if (limit < 0) {
            return "";
        }
        while (from < to && !Character.isLetterOrDigit(text.charAt(from))) {
            from++;
        }
        return text.substring(from, to);
    }

    private static boolean personalNumber(String text, Words words, int w, double ordinary) {
        return ordinary < 0.5 && number(text, words, w);
    }

    /** A name, or an address ({@code words}: it has a word of two letters or more, or took in a name). */
    private record Segment(Span span, boolean address, boolean words) {
        /** This address with what follows it; a name taken in neither types the address nor lowers its score. */
        Segment join(Segment next) {
            double score = next.address() ? Math.min(span.score(), next.span().score()) : span.score();
            return new Segment(
                    new Span(
                            TYPE, span.start(), Math.max(span.end(), next.span().end()), score),
                    true,
                    words || next.words());
        }
    }
}
