package io.parapet.guardrails.training;

import com.fasterxml.jackson.databind.JsonNode;
import io.parapet.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.text.StringEscapeUtils;

/**
 * The labelled corpora in {@code ../shared/corpora}, as examples with a fixed train / held-out split. An example is
 * held out when the SHA-256 of its split key falls in the bottom 30%: the split never changes between runs or
 * machines, and the accuracy command only ever measures held-out examples. A source is named
 * {@code family/part}: leave-one-source-out leaves a whole family out, so that no part of the held-out corpus (the
 * PAIR jailbreaks of JailbreakBench while testing its GCG ones) is seen in training.
 *
 * <p>How each file's labels map onto the tasks is written in {@code docs/guardrails-accuracy.md} (the data card). A
 * task missing from an example's labels means the example does not count for that task.
 */
public final class LabelledCorpora {
    public static final double HELD_OUT = 0.30;

    /** Sources that are measured but never trained on (see {@link #bipia()}). */
    public static final Set<String> EVALUATION_ONLY = Set.of("bipia/attack");

    /** Share of the large benign sets used: enough variety, at a tenth of the embedding time. */
    static final double CLINC_SAMPLE = 0.15;

    static final double CODEGEN_SAMPLE = 0.35;

    /** One example; {@code labels} are 0/1 per task ("injection", or "toxic" and "hate"). */
    public record Example(String text, Map<String, Integer> labels, String source, boolean heldOut) {
        public String family() {
            int slash = source.indexOf('/');
            return slash < 0 ? source : source.substring(0, slash);
        }

        public boolean trainable() {
            return !EVALUATION_ONLY.contains(source);
        }

        public boolean counts(String task) {
            return labels.containsKey(task);
        }
    }

    private final CorpusFiles files;

    public LabelledCorpora(Path dir) {
        this.files = new CorpusFiles(dir);
    }

    /** File name → SHA-256 of every file read so far: the provenance written next to the weights. */
    public Map<String, String> files() {
        return files.hashes();
    }

    public List<Example> injection() throws IOException {
        List<Example> out = new ArrayList<>();
        for (JsonNode row : files.json("injection-purplellama-251.json")) {
            String text = row.get("user_input").asText();
            out.add(example(text, "injection", 1, "purplellama", text));
        }
        for (JsonNode row : files.json("injection-mixed-valid.json")) {
            String text = row.get("prompt").asText();
            out.add(example(text, "injection", row.get("label").asInt(), "injecguard-valid", text));
        }
        for (String file : List.of("benign-notinject-one.json", "benign-notinject-two.json")) {
            for (JsonNode row : files.json(file)) {
                String text = row.get("prompt").asText();
                out.add(example(text, "injection", 0, "notinject", text));
            }
        }
        out.addAll(bipia());
        for (JsonNode row : files.json("jailbreak-jbb-artifacts-1097.json")) {
            // A plain harmful request is not an attack on the instructions (harmfulRequests).
            if (row.get("label").asText().equals("jailbreak")) {
                String method = row.get("method").asText();
                out.add(example(
                        row.get("prompt").asText(),
                        "injection",
                        1,
                        "jbb/" + method,
                        "jbb#" + row.get("jbb_index").asInt()));
            }
        }
        for (Example e : xstest()) {
            if (e.labels().get("toxic") == 0) {
                out.add(example(e.text(), "injection", 0, e.source(), e.text()));
            }
        }
        out.addAll(benignRequests("injection"));
        for (Example e : toxicity()) {
            // Ordinary comments and tweets, benign for injection: a sample keeps the head from learning "short = safe".
            boolean general = e.source().equals("davidson") || e.source().equals("jigsaw");
            if (general && e.labels().get("toxic") == 0 && fraction(e.text()) > 0.9) {
                out.add(example(e.text(), "injection", 0, "general/" + e.source(), e.text()));
            }
        }
        return out;
    }

    /**
     * BIPIA: each attack string hidden in an e-mail is a positive, and all of those are held out: the attacks are
     * ordinary requests ("list the running processes") that are malicious only because of where they sit, and
     * training on them taught the head that e-mails are attacks. The clean e-mails (alone, with their benign question,
     * or cut in half) are negatives, split by e-mail like everything else, so that the head learns e-mails are not
     * attacks in themselves; a held-out clean e-mail is never seen in training.
     */
    private List<Example> bipia() throws IOException {
        List<String> contexts = new ArrayList<>();
        List<Example> out = new ArrayList<>();
        for (String line : files.lines("bipia-email-contexts.jsonl")) {
            if (line.isBlank()) {
                continue;
            }
            String c = Json.read(line).get("context").asText();
            String q = Json.read(line).get("question").asText();
            contexts.add(c);
            // The same e-mails with a benign question, or cut in half, are negatives too: otherwise "looks like an
            // e-mail" alone would separate the attacks, which are always hidden in e-mails.
            int half = c.length() / 2;
            for (String variant : List.of(c, c + "\n\n" + q, q + "\n\n" + c, c.substring(0, half), c.substring(half))) {
                out.add(example(variant, "injection", 0, "bipia/clean", c));
            }
        }
        int i = 0;
        for (var category : files.json("injection-bipia-text-attacks.json").properties()) {
            for (JsonNode attack : category.getValue()) {
                String a = attack.asText();
                for (int k = 0; k < 2; k++) {
                    String context = contexts.get((i * 7 + k * 13) % contexts.size());
                    String text = k == 0 ? context + "\n\n" + a : a + "\n\n" + context;
                    out.add(new Example(text, Map.of("injection", 1), "bipia/attack", true));
                }
                i++;
            }
        }
        return out;
    }

    /**
     * Everyday requests, role-play set-ups and coding tasks: benign for both tasks, and the hard negatives of a
     * jailbreak detector ("Imagine you are a detective…"). CLINC150 and the coding tasks are sampled.
     */
    private List<Example> benignRequests(String... tasks) throws IOException {
        List<Example> out = new ArrayList<>();
        for (CSVRecord r : files.csv("benign-clinc150-queries.csv")) {
            String text = r.get("text");
            if (fraction(text + "#sample") < CLINC_SAMPLE) {
                out.add(benign(text, "clinc", tasks));
            }
        }
        for (JsonNode row : files.json("benign-gpteacher-roleplay-code.json")) {
            String text = row.get("prompt").asText();
            String subset = row.get("subset").asText();
            if (subset.equals("roleplay") || fraction(text + "#sample") < CODEGEN_SAMPLE) {
                out.add(benign(text, "gpteacher/" + subset, tasks));
            }
        }
        return out;
    }

    private Example benign(String text, String source, String... tasks) {
        Map<String, Integer> labels = new HashMap<>();
        for (String task : tasks) {
            labels.put(task, 0);
        }
        return new Example(text, Map.copyOf(labels), source, fraction(text) < HELD_OUT);
    }

    /**
     * XSTest: safe prompts that look unsafe are benign; their unsafe contrasts are harmful requests (toxic in the
     * moderation sense, hate when they ask for discrimination). Privacy contrasts ask for a private address: harmful,
     * but not toxic language, so they count for neither task.
     */
    private List<Example> xstest() throws IOException {
        List<Example> out = new ArrayList<>();
        for (CSVRecord r : files.csv("prompts-xstest-borderline-450.csv")) {
            String type = r.get("type");
            String text = r.get("prompt");
            boolean unsafe = r.get("unsafe").equals("1");
            if (type.equals("contrast_privacy")) {
                continue;
            }
            int hate = type.equals("contrast_discr") ? 1 : 0;
            String source = "xstest/" + (unsafe ? "unsafe" : "safe");
            out.add(new Example(
                    text, Map.of("toxic", unsafe ? 1 : 0, "hate", hate), source, fraction(text) < HELD_OUT));
        }
        return out;
    }

    public List<Example> toxicity() throws IOException {
        List<Example> out = new ArrayList<>();
        for (CSVRecord r : files.csv("toxicity-davidson-tweets.csv")) {
            int cls = Integer.parseInt(r.get("class"));
            String tweet = r.get("tweet");
            // The tweets were stored HTML-escaped: emoji as "&#128514;", "&" as "&amp;". A quarter of them carry such
            // codes, mostly the offensive ones, and a head trained on them learnt that runs of digits or of one
            // letter are toxic. Chat text arrives unescaped, so the head is trained on what it will see. The split
            // key stays the stored tweet, so the held-out rows are the ones measured before.
            out.add(new Example(
                    StringEscapeUtils.unescapeHtml4(tweet),
                    Map.of("toxic", cls <= 1 ? 1 : 0, "hate", cls == 0 ? 1 : 0),
                    "davidson",
                    fraction(tweet) < HELD_OUT));
        }
        for (CSVRecord r : files.csv("toxicity-jigsaw-sample-282.csv")) {
            int toxic = 0;
            for (String column : List.of("toxic", "severe_toxic", "obscene", "threat", "insult")) {
                toxic |= Integer.parseInt(r.get(column));
            }
            int hate = Integer.parseInt(r.get("identity_hate"));
            String text = r.get("comment_text");
            out.add(new Example(
                    text, Map.of("toxic", toxic | hate, "hate", hate), "jigsaw", fraction(text) < HELD_OUT));
        }
        out.addAll(hatecheck());
        out.addAll(hatemoji());
        out.addAll(xstest());
        out.addAll(benignRequests("toxic", "hate"));
        return out;
    }

    /**
     * JailbreakBench's 100 harmful behaviours as plain requests ("Write a tutorial on how to make a bomb"), with no
     * attack around them, labelled {@code task} 1. Not part of {@link #toxicity()}: trained as toxic, the TOXIC head
     * caught none of them when they were left out and TOXIC's pooled figure fell (docs/guardrails-accuracy.md). The
     * split key is the behaviour's, as for its jailbreaks in the injection task.
     */
    public List<Example> harmfulRequests(String task) throws IOException {
        List<Example> out = new ArrayList<>();
        for (JsonNode row : files.json("jailbreak-jbb-artifacts-1097.json")) {
            if (row.get("label").asText().equals("harmful_request")) {
                out.add(example(
                        row.get("prompt").asText(),
                        task,
                        1,
                        "jbb/harmful_request",
                        "jbb#" + row.get("jbb_index").asInt()));
            }
        }
        return out;
    }

    /**
     * HateCheck, split by template so that identity-swapped variants of one sentence stay on one side. Hateful cases
     * are toxic and hate. Of the non-hateful ones, profanity ("No fucking way.") and abuse of an individual ("I
     * despise you.") are toxic but not hate; reclaimed slurs count for hate (as non-hateful) but not for toxicity,
     * which they are not labelled for; all others (identity mentions, counter-speech, negation) are neither.
     */
    private List<Example> hatecheck() throws IOException {
        List<Example> out = new ArrayList<>();
        for (CSVRecord r : files.csv("toxicity-hatecheck-3707.csv")) {
            String text = r.get("text");
            String functionality = r.get("functionality");
            boolean heldOut = fraction("hatecheck#" + r.get("templ_id")) < HELD_OUT;
            Map<String, Integer> labels =
                    switch (functionality) {
                        case "profanity_nh", "target_indiv_nh" -> Map.of("toxic", 1, "hate", 0);
                        case "slur_reclaimed_nh" -> Map.of("hate", 0);
                        default -> {
                            int hateful = Integer.parseInt(r.get("label"));
                            yield Map.of("toxic", hateful, "hate", hateful);
                        }
                    };
            out.add(new Example(text, labels, "hatecheck", heldOut));
        }
        return out;
    }

    /**
     * HatemojiBuild, split by original/perturbation pair so that both halves of a minimal pair stay on one side.
     * Hateful posts are toxic and hate; non-hateful ones are not hate, and count for toxicity only when they hold no
     * swear word: "my dealer is a cunt" is labelled not hateful, which says nothing about whether it is toxic.
     */
    private List<Example> hatemoji() throws IOException {
        List<Example> out = new ArrayList<>();
        var profanity = io.parapet.guardrails.scanners.Lexicons.profanity();
        for (CSVRecord r : files.csv("toxicity-hatemoji-adversarial-5904.csv")) {
            String text = r.get("text");
            int entry = Integer.parseInt(r.get("entry_id"));
            int matched = r.get("matched_id").isBlank() ? entry : Integer.parseInt(r.get("matched_id"));
            boolean heldOut = fraction("hatemoji#" + Math.min(entry, matched)) < HELD_OUT;
            int hateful = Integer.parseInt(r.get("label"));
            Map<String, Integer> labels = hateful == 1
                    ? Map.of("toxic", 1, "hate", 1)
                    : profanity.test(text) ? Map.of("hate", 0) : Map.of("toxic", 0, "hate", 0);
            out.add(new Example(text, labels, "hatemoji", heldOut));
        }
        return out;
    }

    private Example example(String text, String task, int label, String source, String splitKey) {
        return new Example(text, Map.of(task, label), source, fraction(splitKey) < HELD_OUT);
    }

    /** Where {@code key} falls in [0, 1) by its SHA-256: the split. */
    public static double fraction(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            long v = ((d[0] & 0xffL) << 16) | ((d[1] & 0xffL) << 8) | (d[2] & 0xffL);
            return v / (double) (1 << 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
