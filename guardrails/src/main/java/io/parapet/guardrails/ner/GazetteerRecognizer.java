package io.parapet.guardrails.ner;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.parapet.guardrails.Finding;
import io.parapet.guardrails.spi.EntityRecognizer;
import io.parapet.guardrails.spi.ScanText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

/**
 * The default recognizer, with no model: a gazetteer of places (every country's English name and the cities of the
 * JDK's time-zone database, plus US states), organizations recognised by their legal or sector suffix ("Allstate
 * Insurance Group", "Paxata Inc"), and people recognised by a title or a context phrase ("Dr. Ada Byron", "my name is
 * Ada", "Dear Ada"). It finds what these signals cover and nothing else: see docs/guardrails-accuracy.md. Patterns
 * run with RE2J, in linear time.
 */
public final class GazetteerRecognizer implements EntityRecognizer {
    private static final String NAME = "\\p{Lu}[\\p{L}'’-]+";
    private static final String NAMES = NAME + "(?:\\s+(?:\\p{Lu}\\.\\s+)?" + NAME + "){0,2}";
    private static final Pattern TITLED = Pattern.compile(
            "\\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Madam|Mister|Doctor|Professor)\\.?\\s+(" + NAMES + ")");
    private static final Pattern INTRODUCED = Pattern.compile("(?i:\\b(?:my name is|my name's|i am|i'm|this is|"
            + "name:|dear|hi|hello|regards,|thanks,|sincerely,|signed|contact|ask for|speak to|talk to|assigned to|"
            + "written by|authored by)\\s+)(" + NAMES + ")");
    // RE2's \b is ASCII-only, so names that start with Ø or É are delimited explicitly.
    private static final Pattern ORGANIZATION = Pattern.compile("(?:^|[^\\p{L}])(" + NAME + "(?:\\s+" + NAME
            + "){0,3}\\s+(?:Inc\\.?|Incorporated|Corp\\.?|Corporation|Ltd\\.?|Limited|LLC|LLP|PLC|GmbH|AG|SA|S\\.A\\.|SAS|"
            + "BV|NV|Oy|AB|ASA|Co\\.|Company|Group|Holdings|Bank|Insurance|University|College|Institute|Foundation|"
            + "Association|Partners|Technologies|Systems|Labs|Industries|Airlines|Motors|Markets|Hospital|Clinic))"
            + "(?:$|[^\\p{L}])");
    private static final Pattern CAPITALIZED = Pattern.compile("\\p{Lu}[\\p{L}.'’-]*(?:\\s+\\p{Lu}[\\p{L}.'’-]*){0,3}");

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

    /** Lower-cased place name → how many words it has. */
    private static final Map<String, Integer> PLACES = places();

    @Override
    public List<Finding> recognize(ScanText text) {
        String n = text.normalized();
        List<Finding> found = new ArrayList<>();
        collect(text, TITLED, 1, "PERSON", 0.85, found);
        collect(text, INTRODUCED, 1, "PERSON", 0.7, found);
        Matcher org = ORGANIZATION.matcher(n);
        while (org.find()) {
            found.add(finding(text, "ORGANIZATION", org.start(1), org.end(1), 0.7));
        }
        Matcher caps = CAPITALIZED.matcher(n);
        while (caps.find()) {
            places(text, caps.start(), caps.group(), found);
        }
        return found;
    }

    /** The longest gazetteer place at each word of a capitalized run ("New York City" → "New York"). */
    private static void places(ScanText text, int runStart, String run, List<Finding> found) {
        String[] words = run.split("\\s+");
        int[] starts = new int[words.length];
        for (int i = 0, at = 0; i < words.length; i++) {
            at = run.indexOf(words[i], at);
            starts[i] = at;
            at += words[i].length();
        }
        for (int i = 0; i < words.length; ) {
            int matched = 0;
            for (int len = Math.min(4, words.length - i); len >= 1 && matched == 0; len--) {
                String candidate = run.substring(starts[i], starts[i + len - 1] + words[i + len - 1].length());
                String key = trimPunctuation(candidate).toLowerCase(Locale.ROOT);
                if (PLACES.containsKey(key)) {
                    int start = runStart + starts[i];
                    found.add(finding(
                            text,
                            "LOCATION",
                            start,
                            start + trimPunctuation(candidate).length(),
                            0.75));
                    matched = len;
                }
            }
            i += Math.max(1, matched);
        }
    }

    private static void collect(
            ScanText text, Pattern pattern, int group, String type, double score, List<Finding> found) {
        Matcher m = pattern.matcher(text.normalized());
        while (m.find()) {
            found.add(finding(text, type, m.start(group), m.end(group), score));
        }
    }

    private static Finding finding(ScanText text, String type, int start, int end, double score) {
        int[] span = text.originalSpan(start, end);
        return new Finding(type, span[0], span[1], text.original().substring(span[0], span[1]), score);
    }

    private static String trimPunctuation(String s) {
        int end = s.length();
        while (end > 0 && !Character.isLetter(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    private static Map<String, Integer> places() {
        Map<String, Integer> places = new HashMap<>();
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
        return Map.copyOf(places);
    }

    private static void add(Map<String, Integer> places, String name) {
        if (name.length() >= 3 && !name.contains("(")) {
            places.put(name.toLowerCase(Locale.ROOT), name.split("\\s+").length);
        }
    }
}
