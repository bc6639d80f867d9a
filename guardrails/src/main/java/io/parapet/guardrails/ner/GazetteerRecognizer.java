package io.parapet.guardrails.ner;

import io.parapet.guardrails.Finding;
import io.parapet.guardrails.spi.Cancellation;
import io.parapet.guardrails.spi.EntityRecognizer;
import io.parapet.guardrails.spi.ScanText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TimeZone;

/**
 * The default recognizer, with no model: a gazetteer of places (every country's English name and the cities of the
 * JDK's time-zone database, plus US states), organizations recognised by their legal or sector suffix ("Allstate
 * Insurance Group", "Paxata Inc"), and people recognised by a title or a context phrase ("Dr. Ada Byron", "my name is
 * Ada", "Dear Ada"). It finds what these signals cover and nothing else: see docs/guardrails-accuracy.md. It works on
 * one pass of words rather than regular expressions, so it costs about as much as splitting the text.
 */
public final class GazetteerRecognizer implements EntityRecognizer {
    private static final int MAX_NAME_WORDS = 3;
    private static final int MAX_PLACE_WORDS = 4;
    private static final int MAX_ORGANIZATION_WORDS = 4;

    /** Lower-cased phrases after which a capitalised name is a person ("… my name is Ada"). */
    private static final List<List<String>> INTRODUCERS = List.of(
            List.of("my", "name", "is"),
            List.of("my", "name's"),
            List.of("i", "am"),
            List.of("i'm"),
            List.of("this", "is"),
            List.of("name"),
            List.of("dear"),
            List.of("hi"),
            List.of("hello"),
            List.of("regards"),
            List.of("thanks"),
            List.of("sincerely"),
            List.of("signed"),
            List.of("contact"),
            List.of("ask", "for"),
            List.of("speak", "to"),
            List.of("talk", "to"),
            List.of("assigned", "to"),
            List.of("written", "by"),
            List.of("authored", "by"));

    private static final List<String> US_STATES = List.of(
            "Alabama",
            "Alaska",
            "Arizona",
            "Arkansas",
            "California",
            "Colorado",
            "Connecticut",
            "Delaware",
            "Florida",
            "Georgia",
            "Hawaii",
            "Idaho",
            "Illinois",
            "Indiana",
            "Iowa",
            "Kansas",
            "Kentucky",
            "Louisiana",
            "Maine",
            "Maryland",
            "Massachusetts",
            "Michigan",
            "Minnesota",
            "Mississippi",
            "Missouri",
            "Montana",
            "Nebraska",
            "Nevada",
            "New Hampshire",
            "New Jersey",
            "New Mexico",
            "New York",
            "North Carolina",
            "North Dakota",
            "Ohio",
            "Oklahoma",
            "Oregon",
            "Pennsylvania",
            "Rhode Island",
            "South Carolina",
            "South Dakota",
            "Tennessee",
            "Texas",
            "Utah",
            "Vermont",
            "Virginia",
            "Washington",
            "West Virginia",
            "Wisconsin",
            "Wyoming");
    /** Lower-cased place names. */
    private static final Set<String> PLACES = places();

    /** A word of the normalized text: letters, digits, apostrophes and inner hyphens. */
    private record Word(int start, int end, String text, String lower, boolean capitalized, boolean endsSentence) {}

    @Override
    public List<Finding> recognize(ScanText text) {
        List<Word> words = words(text.normalized());
        List<Finding> found = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            Cancellation.checkpoint();
            Word w = words.get(i);
            if (!w.capitalized()) {
                continue;
            }
            int run = capitalizedRun(words, i, MAX_NAME_WORDS);
            // "Hello I moved", "Hi Doctor", "Hello, API!": a pronoun, a title or a language is not a name
            boolean mayBePerson = !WordClasses.isFunctionWord(w.lower()) && !WordClasses.neverANameAlone(w.text());
            if (mayBePerson && i > 0 && WordClasses.isTitle(words.get(i - 1).lower())) {
                found.add(finding(
                        text, "PERSON", w.start(), words.get(i + run - 1).end(), 0.85));
            } else if (mayBePerson && introduced(words, i)) {
                found.add(finding(
                        text, "PERSON", w.start(), words.get(i + run - 1).end(), 0.7));
            }
            if (WordClasses.isOrganizationSuffix(w.text())
                    && i > 0
                    && words.get(i - 1).capitalized()) {
                int first = i - 1;
                while (first > 0
                        && i - first < MAX_ORGANIZATION_WORDS
                        && words.get(first - 1).capitalized()
                        && !words.get(first - 1).endsSentence()) {
                    first--;
                }
                found.add(finding(text, "ORGANIZATION", words.get(first).start(), w.end(), 0.7));
            }
            i += place(text, words, i, found) - 1;
        }
        return found;
    }

    /** The longest gazetteer place starting at word {@code i}; returns how many words it took (at least 1). */
    private static int place(ScanText text, List<Word> words, int i, List<Finding> found) {
        int run = capitalizedRun(words, i, MAX_PLACE_WORDS);
        for (int len = run; len >= 1; len--) {
            Word last = words.get(i + len - 1);
            String name = text.normalized().substring(words.get(i).start(), last.end());
            if (PLACES.contains(name.toLowerCase(Locale.ROOT))) {
                found.add(finding(text, "LOCATION", words.get(i).start(), last.end(), 0.75));
                return len;
            }
        }
        return 1;
    }

    /** How many capitalized words follow from {@code i} (itself included) within one sentence, at most {@code max}. */
    private static int capitalizedRun(List<Word> words, int i, int max) {
        int n = 1;
        while (n < max
                && i + n < words.size()
                && words.get(i + n).capitalized()
                && !WordClasses.isFunctionWord(words.get(i + n).lower()) // "Dear John, I am"
                && !words.get(i + n - 1).endsSentence()) {
            n++;
        }
        return n;
    }

    private static boolean introduced(List<Word> words, int i) {
        for (List<String> phrase : INTRODUCERS) {
            int from = i - phrase.size();
            if (from < 0) {
                continue;
            }
            boolean match = true;
            for (int k = 0; k < phrase.size() && match; k++) {
                match = words.get(from + k).lower().equals(phrase.get(k));
            }
            if (match) {
                return true;
            }
        }
        return false;
    }

    private static List<Word> words(String s) {
        List<Word> words = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            int c = s.codePointAt(i);
            if (!Character.isLetterOrDigit(c)) {
                i += Character.charCount(c);
                continue;
            }
            int start = i;
            while (i < s.length()) {
                int d = s.codePointAt(i);
                boolean inner = (d == '\'' || d == '’' || d == '-')
                        && i + 1 < s.length()
                        && Character.isLetter(s.codePointAt(i + 1));
                if (!Character.isLetterOrDigit(d) && !inner) {
                    break;
                }
                i += Character.charCount(d);
            }
            boolean endsSentence = i < s.length()
                    && ".!?:;\n".indexOf(s.charAt(i)) >= 0
                    && !(s.charAt(i) == '.' && i - start <= 4 && Character.isUpperCase(s.charAt(start)));
            String word = s.substring(start, i);
            words.add(new Word(
                    start,
                    i,
                    word,
                    word.toLowerCase(Locale.ROOT),
                    Character.isUpperCase(s.codePointAt(start)),
                    endsSentence));
        }
        return words;
    }

    private static Finding finding(ScanText text, String type, int start, int end, double score) {
        int[] span = text.originalSpan(start, end);
        return new Finding(type, span[0], span[1], text.original().substring(span[0], span[1]), score);
    }

    private static Set<String> places() {
        Set<String> places = new HashSet<>();
        for (String code : Locale.getISOCountries()) {
            add(places, Locale.of("", code).getDisplayCountry(Locale.ENGLISH));
        }
        for (String id : TimeZone.getAvailableIDs()) {
            int slash = id.lastIndexOf('/');
            if (slash > 0
                    && Character.isUpperCase(id.charAt(slash + 1))
                    && !id.startsWith("Etc/")
                    && !id.startsWith("SystemV/")) {
                add(places, id.substring(slash + 1).replace('_', ' '));
            }
        }
        US_STATES.forEach(s -> add(places, s));
        return Set.copyOf(places);
    }

    private static void add(Set<String> places, String name) {
        if (name.length() >= 3 && !name.contains("(") && !name.contains("&")) {
            places.add(name.toLowerCase(Locale.ROOT));
        }
    }
}
