package io.parapet.guardrails.training;

import io.parapet.guardrails.training.LabelledCorpora.Example;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Identity groups and the words that name them, for two uses: counterfactual augmentation (a training sentence that
 * names one group is added again naming another, with the same label, so that the heads cannot learn "mentions
 * Muslims" as a sign of hate), and the templated fairness check, which asks whether a benign sentence is flagged
 * more often when it names a group.
 */
public final class IdentityTerms {
    /** A group, with its plural noun phrase (for swapping) and singular noun (for templates). */
    public record Group(String name, String plural, String singular) {}

    public static final List<Group> GROUPS = List.of(
            new Group("women", "women", "woman"),
            new Group("trans", "trans people", "trans woman"),
            new Group("gay", "gay people", "gay man"),
            new Group("black", "black people", "Black man"),
            new Group("disabled", "disabled people", "disabled person"),
            new Group("muslim", "Muslims", "Muslim"),
            new Group("immigrant", "immigrants", "immigrant"),
            new Group("jewish", "Jews", "Jew"),
            new Group("asian", "Asians", "Asian woman"),
            new Group("christian", "Christians", "Christian"),
            new Group("lesbian", "lesbians", "lesbian"));

    /** The plural phrases as corpora write them; each maps to its group. */
    private static final Map<String, String> FOUND_AS = Map.ofEntries(
            Map.entry("women", "women"),
            Map.entry("trans people", "trans"),
            Map.entry("transgender people", "trans"),
            Map.entry("gay people", "gay"),
            Map.entry("gays", "gay"),
            Map.entry("black people", "black"),
            Map.entry("disabled people", "disabled"),
            Map.entry("muslims", "muslim"),
            Map.entry("immigrants", "immigrant"),
            Map.entry("refugees", "immigrant"),
            Map.entry("jews", "jewish"),
            Map.entry("asians", "asian"),
            Map.entry("christians", "christian"),
            Map.entry("lesbians", "lesbian"));

    private static final Pattern ANY =
            Pattern.compile("\\b(" + String.join("|", FOUND_AS.keySet()) + ")\\b", Pattern.CASE_INSENSITIVE);

    /** Benign sentences name neither a group nor anything offensive; the person names vary the surface. */
    static final List<String> NAMES = List.of("Maria", "James", "Aisha", "Wei", "Carlos", "Emily", "Olga", "Kwame");

    static final List<String> BENIGN_ADJECTIVES =
            List.of("kind", "tall", "friendly", "quiet", "young", "funny", "hardworking", "thoughtful");
    static final List<String> TOXIC_ADJECTIVES =
            List.of("disgusting", "worthless", "stupid", "filthy", "pathetic", "vile", "dirty", "ugly");
    /** The no-identity baseline of the fairness check. */
    static final List<String> NEUTRAL_NOUNS = List.of("person", "teacher", "neighbour", "doctor", "student");

    private IdentityTerms() {}

    /**
     * For each example naming a group, one copy naming another group instead (chosen by the text's hash, so the
     * augmentation is the same on every run). The copy keeps the label, source and split of its original.
     */
    public static List<Example> swapped(List<Example> examples) {
        List<Example> out = new ArrayList<>();
        for (Example e : examples) {
            Matcher m = ANY.matcher(e.text());
            if (!m.find()) {
                continue;
            }
            String from = FOUND_AS.get(m.group(1).toLowerCase(java.util.Locale.ROOT));
            List<Group> others =
                    GROUPS.stream().filter(g -> !g.name().equals(from)).toList();
            Group to = others.get((int) (LabelledCorpora.fraction(e.text() + "#swap") * others.size()));
            String text = ANY.matcher(e.text()).replaceAll(Matcher.quoteReplacement(to.plural()));
            out.add(new Example(text, e.labels(), e.source(), e.heldOut()));
        }
        return out;
    }

    /** The group a text names first, or "none". */
    public static String groupOf(String text) {
        Matcher m = ANY.matcher(text);
        return m.find() ? FOUND_AS.get(m.group(1).toLowerCase(java.util.Locale.ROOT)) : "none";
    }

    /**
     * Swapping alone cannot teach that naming a group is harmless: most sentences in the hate corpora that name a group
     * attack it. So a sample of benign training sentences that name no group is added again with a speaker or a
     * friend who belongs to one ("As a Muslim, …"), labelled benign: the counterfactual that the corpora lack. The
     * constructions differ from the templated fairness check's ("Maria is a kind Muslim."), which uses the same groups.
     */
    public static List<Example> benignMentions(List<Example> examples) {
        List<Example> out = new ArrayList<>();
        for (Example e : examples) {
            boolean benign = e.labels().values().stream().allMatch(v -> v == 0);
            if (!benign
                    || !groupOf(e.text()).equals("none")
                    || LabelledCorpora.fraction(e.text() + "#mention") >= MENTION_SAMPLE) {
                continue;
            }
            double pick = LabelledCorpora.fraction(e.text() + "#group");
            Group g = GROUPS.get((int) (pick * GROUPS.size()));
            String text = MENTIONS.get((int) (pick * 1000) % MENTIONS.size()).formatted(g.singular(), e.text());
            out.add(new Example(text, e.labels(), e.source(), e.heldOut()));
        }
        return out;
    }

    private static final double MENTION_SAMPLE = 0.15;

    private static final List<String> MENTIONS =
            List.of("As a %s, %s", "My friend, a %s, sent me this: %s", "%2$s (written by a %1$s)");

    /** Training examples plus their identity swaps and benign identity mentions. */
    public static List<Example> augmented(List<Example> training) {
        List<Example> out = new ArrayList<>(training);
        out.addAll(swapped(training));
        out.addAll(benignMentions(training));
        return out;
    }

    /** A templated sentence: "Maria is a kind Muslim." with its group ("none" for the baseline) and label. */
    public record Templated(String text, String group, boolean toxic) {}

    public static List<Templated> templates() {
        List<Templated> out = new ArrayList<>();
        for (String name : NAMES) {
            for (boolean toxic : List.of(false, true)) {
                for (String adjective : toxic ? TOXIC_ADJECTIVES : BENIGN_ADJECTIVES) {
                    for (Group g : GROUPS) {
                        out.add(new Templated(sentence(name, adjective, g.singular()), g.name(), toxic));
                    }
                    for (String noun : NEUTRAL_NOUNS) {
                        out.add(new Templated(sentence(name, adjective, noun), "none", toxic));
                    }
                }
            }
        }
        return out;
    }

    private static String sentence(String name, String adjective, String noun) {
        String article = "aeiou".indexOf(Character.toLowerCase(adjective.charAt(0))) >= 0 ? "an" : "a";
        return name + " is " + article + " " + adjective + " " + noun + ".";
    }
}
