package io.parapet.guardrails.training;

import com.fasterxml.jackson.databind.JsonNode;
import io.parapet.core.Json;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The labelled corpora in {@code ../shared/corpora}, as examples with a fixed train / held-out split. An example is
 * held out when the SHA-256 of its split key falls in the bottom 30%: the split never changes between runs or
 * machines, and the accuracy command only ever measures held-out examples.
 */
public final class LabelledCorpora {
    public static final double HELD_OUT = 0.30;

    /** One example; {@code labels} are 0/1 per task ("injection", or "toxic" and "hate"). */
    public record Example(String text, Map<String, Integer> labels, String source, boolean heldOut) {}

    private final Path dir;
    private final Map<String, String> hashes = new LinkedHashMap<>();

    public LabelledCorpora(Path dir) {
        this.dir = dir;
    }

    /** File name → SHA-256 of every file read so far: the provenance written next to the weights. */
    public Map<String, String> files() {
        return hashes;
    }

    public List<Example> injection() throws IOException {
        List<Example> out = new ArrayList<>();
        for (JsonNode row : json("injection-purplellama-251.json")) {
            String text = row.get("user_input").asText();
            out.add(example(text, "injection", 1, "purplellama", text));
        }
        for (JsonNode row : json("injection-mixed-valid.json")) {
            String text = row.get("prompt").asText();
            out.add(example(text, "injection", row.get("label").asInt(), "injecguard-valid", text));
        }
        for (String file : List.of("benign-notinject-one.json", "benign-notinject-two.json")) {
            for (JsonNode row : json(file)) {
                String text = row.get("prompt").asText();
                out.add(example(text, "injection", 0, "notinject", text));
            }
        }
        out.addAll(bipia());
        for (Example e : toxicity()) {
            // Ordinary comments and tweets, benign for injection: a sample keeps the head from learning "short = safe".
            if (e.labels().get("toxic") == 0 && fraction(e.text()) > 0.9) {
                out.add(example(e.text(), "injection", 0, "general-" + e.source(), e.text()));
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
        for (String line : Files.readAllLines(read("bipia-email-contexts.jsonl"))) {
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
                out.add(example(variant, "injection", 0, "bipia-clean", c));
            }
        }
        int i = 0;
        for (var category : json("injection-bipia-text-attacks.json").properties()) {
            for (JsonNode attack : category.getValue()) {
                String a = attack.asText();
                for (int k = 0; k < 2; k++) {
                    String context = contexts.get((i * 7 + k * 13) % contexts.size());
                    String text = k == 0 ? context + "\n\n" + a : a + "\n\n" + context;
                    out.add(new Example(text, Map.of("injection", 1), "bipia-attack", true));
                }
                i++;
            }
        }
        return out;
    }

    public List<Example> toxicity() throws IOException {
        List<Example> out = new ArrayList<>();
        for (CSVRecord r : csv("toxicity-davidson-tweets.csv")) {
            int cls = Integer.parseInt(r.get("class"));
            String text = r.get("tweet");
            out.add(new Example(
                    text,
                    Map.of("toxic", cls <= 1 ? 1 : 0, "hate", cls == 0 ? 1 : 0),
                    "davidson",
                    fraction(text) < HELD_OUT));
        }
        for (CSVRecord r : csv("toxicity-jigsaw-sample-282.csv")) {
            int toxic = 0;
            for (String column : List.of("toxic", "severe_toxic", "obscene", "threat", "insult")) {
                toxic |= Integer.parseInt(r.get(column));
            }
            int hate = Integer.parseInt(r.get("identity_hate"));
            String text = r.get("comment_text");
            out.add(new Example(
                    text, Map.of("toxic", toxic | hate, "hate", hate), "jigsaw", fraction(text) < HELD_OUT));
        }
        return out;
    }

    private Example example(String text, String task, int label, String source, String splitKey) {
        return new Example(text, Map.of(task, label), source, fraction(splitKey) < HELD_OUT);
    }

    /** Where {@code key} falls in [0, 1) by its SHA-256: the split. */
    static double fraction(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            long v = ((d[0] & 0xffL) << 16) | ((d[1] & 0xffL) << 8) | (d[2] & 0xffL);
            return v / (double) (1 << 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode json(String file) throws IOException {
        return Json.read(Files.readString(read(file)));
    }

    private Iterable<CSVRecord> csv(String file) throws IOException {
        Reader reader = Files.newBufferedReader(read(file));
        return CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setAllowMissingColumnNames(true)
                .get()
                .parse(reader)
                .getRecords();
    }

    private Path read(String file) throws IOException {
        Path path = dir.resolve(file);
        try {
            hashes.putIfAbsent(
                    file,
                    HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path))));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return path;
    }
}
