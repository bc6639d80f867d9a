package io.parapet.guardrails.ner;

import java.util.Locale;
import java.util.Set;

/**
 * Closed classes of words that say whether a word may be a name: function words, titles, legal forms, an address's
 * units, words naming groups of people, programming languages, days and months. The trained head reads every
 * capitalized word as a possible name; these lists hold what it cannot learn from a file of synthetic addresses and
 * names. (The test-side {@code IdentityTerms} lists groups for training and the fairness check; this list is the
 * words that name them, as written in running text.)
 */
final class WordClasses {
    private WordClasses() {}

    /**
     * Pronouns, articles, prepositions, conjunctions, auxiliaries, greetings and focusing words ("only", "just",
     * "both"): closed classes of words that are never a name. Modal verbs that are also names ("May", "Will", "Can")
     * are not listed.
     */
    private static final Set<String> FUNCTION_WORDS = Set.of(
            "i", "me", "my", "mine", "you", "your", "yours", "he", "him", "his", "she", "her", "hers", "it", "its",
            "we", "us", "our", "ours", "they", "them", "their", "theirs", "this", "that", "these", "those", "who",
            "whom", "whose", "which", "what", "where", "when", "why", "how", "a", "an", "the", "some", "any", "no",
            "not", "yes", "all", "each", "every", "of", "in", "on", "at", "to", "for", "with", "by", "from", "about",
            "into", "over", "under", "after", "before", "and", "or", "but", "nor", "so", "if", "then", "than", "as",
            "is", "are", "was", "were", "be", "been", "am", "do", "does", "did", "have", "has", "had", "please",
            "hello", "hi", "hey", "thanks", "thank", "dear", "ok", "okay", "both", "either", "neither", "only", "just",
            "also");

    /** Lower-cased titles and forms of address: they stand before a person's name and are never one alone. */
    private static final Set<String> TITLES = Set.of(
            "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "madam", "mister", "doctor", "professor");

    /** Legal forms and kinds of institution that end a firm's name ("Pixia Corp", "Vanguard Group"); case matters. */
    private static final Set<String> ORGANIZATION_SUFFIXES = Set.of(
            "Inc",
            "Incorporated",
            "Corp",
            "Corporation",
            "Ltd",
            "Limited",
            "LLC",
            "LLP",
            "PLC",
            "GmbH",
            "AG",
            "SA",
            "SAS",
            "BV",
            "NV",
            "Oy",
            "AB",
            "ASA",
            "Co",
            "Company",
            "Group",
            "Holdings",
            "Bank",
            "Insurance",
            "University",
            "College",
            "Institute",
            "Foundation",
            "Association",
            "Partners",
            "Technologies",
            "Systems",
            "Labs",
            "Industries",
            "Airlines",
            "Motors",
            "Markets",
            "Hospital",
            "Clinic");

    static boolean isOrganizationSuffix(String word) {
        return ORGANIZATION_SUFFIXES.contains(word);
    }

    /**
     * Lower-cased secondary unit designators of an address (the USPS list of Publication 28, those that are not also
     * ordinary words or surnames such as "Key", "Lot" or "Pier"): "Apt 5", "Suite 501". Like a title, one never makes a
     * name alone.
     */
    private static final Set<String> UNIT_DESIGNATORS = Set.of(
            "apt",
            "apartment",
            "bldg",
            "building",
            "dept",
            "department",
            "fl",
            "floor",
            "ofc",
            "office",
            "rm",
            "room",
            "ste",
            "suite",
            "unit",
            "bsmt",
            "basement",
            "penthouse",
            "trlr",
            "trailer");

    /**
     * Lower-cased words that name a group of people by gender, sexuality, religion, origin or politics, less those
     * that are also given names or surnames ("Christian", "Black", "White"). Capitalized at the start of a sentence,
     * the head took them for persons: in the batch of 10,000 mixed lines the default policy redacted "Gay", "Women" or
     * "Muslims" alone 51 times ("[PERSON] teachers are…"), which hides what the sentence is about and falls on identity
     * mentions only.
     */
    private static final Set<String> GROUP_WORDS = Set.of(
            "women",
            "woman",
            "men",
            "female",
            "females",
            "male",
            "males",
            "girls",
            "boys",
            "gay",
            "gays",
            "lesbian",
            "lesbians",
            "bisexual",
            "bisexuals",
            "queer",
            "queers",
            "trans",
            "transgender",
            "homosexual",
            "homosexuals",
            "muslim",
            "muslims",
            "islamic",
            "jew",
            "jews",
            "jewish",
            "catholic",
            "catholics",
            "christians",
            "hindu",
            "hindus",
            "buddhist",
            "buddhists",
            "sikh",
            "sikhs",
            "atheist",
            "atheists",
            "immigrant",
            "immigrants",
            "migrant",
            "migrants",
            "refugee",
            "refugees",
            "foreigners",
            "asians",
            "africans",
            "arabs",
            "hispanic",
            "hispanics",
            "latinos",
            "latinas",
            "blacks",
            "whites",
            "republican",
            "republicans",
            "democrat",
            "democrats",
            "liberals",
            "conservatives",
            "feminist",
            "feminists",
            "disabled");

    /**
     * Lower-cased names of programming languages, data formats and protocols that are not also people's names ("Ruby",
     * "Julia" and "Ada" are left out). The entity head learned its negatives from texts without a capital inside a
     * sentence, so "Write a Java program" was new to it: in the batch of 10,000 mixed lines the default policy
     * redacted "Java" 62 times.
     */
    private static final Set<String> TECHNOLOGY = Set.of(
            "java",
            "javascript",
            "typescript",
            "python",
            "kotlin",
            "scala",
            "perl",
            "php",
            "fortran",
            "cobol",
            "matlab",
            "lua",
            "sql",
            "html",
            "css",
            "json",
            "xml",
            "yaml",
            "csv",
            "api",
            "apis",
            "gpt",
            "ai",
            "url",
            "urls",
            "http",
            "https",
            "regex",
            "numpy",
            "bash",
            "powershell",
            "linux",
            "unix");

    /**
     * Days of the week and the months that are not also given names ("April", "May", "June", "August" are): dates, as
     * Presidio labels them, never persons. "September" was a person 7 times in the same batch.
     */
    private static final Set<String> CALENDAR = Set.of(
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "january",
            "february",
            "september",
            "october",
            "november",
            "december");

    /**
     * Whether the word is never a name by itself: a title, an address's unit designator, a word naming a group of
     * people, a programming language or format, a day or a month, or the "RT" that starts a retweet (51 persons in the
     * same batch). It may still join a name ("Gay Talese", "Department of Health", "Java Sea").
     */
    static boolean neverANameAlone(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return TITLES.contains(lower)
                || GROUP_WORDS.contains(lower)
                || TECHNOLOGY.contains(lower)
                || CALENDAR.contains(lower)
                || lower.equals("rt")
                || isUnitDesignator(word);
    }

    static boolean isUnitDesignator(String word) {
        return UNIT_DESIGNATORS.contains(word.toLowerCase(Locale.ROOT));
    }

    static boolean isFunctionWord(String word) {
        return FUNCTION_WORDS.contains(word.toLowerCase(Locale.ROOT));
    }

    static boolean isTitle(String word) {
        return TITLES.contains(word.toLowerCase(Locale.ROOT));
    }
}
