package io.parapet.streaming.bench;

import io.parapet.guardrails.classify.Embeddings;
import io.parapet.guardrails.training.LabelledCorpora;
import io.parapet.streaming.monitor.Completion;
import io.parapet.streaming.monitor.drift.CategoricalFeature;
import io.parapet.streaming.monitor.drift.DriftProfile;
import io.parapet.streaming.monitor.drift.DriftRules;
import io.parapet.streaming.monitor.drift.DriftScore;
import io.parapet.streaming.monitor.drift.DriftSettings;
import io.parapet.streaming.monitor.drift.KernelFeatures;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * How often drift fires with no drift, and how often it catches a real shift ({@code ./parapet bench drift}), on
 * public labelled text embedded with the real MiniLM. Live traffic is neutral tweets (Davidson et al.); the
 * reference is 500 of them; windows of 50, 100 and 400 are drawn from other neutral tweets (no drift), from
 * assistant-style questions (a topic shift), and from offensive tweets (same medium, different content). Only the
 * input varies: output tokens, latency and toxicity are drawn from one distribution for every window, so any alarm
 * on them is a false one too. A fixed "PSI > 0.1" on input tokens is shown beside the calibrated thresholds.
 */
public final class DriftReplay {
    private static final int REFERENCE = 500;
    private static final int WINDOWS = 60;

    private DriftReplay() {}

    public static void main(String[] args) throws Exception {
        LabelledCorpora corpora = new LabelledCorpora(Path.of(args.length > 0 ? args[0] : "../shared/corpora"));
        Random random = new Random(42);
        List<String> neutral = new ArrayList<>();
        List<String> offensive = new ArrayList<>();
        for (LabelledCorpora.Example e : corpora.toxicity()) {
            if (e.source().equals("davidson")) {
                (e.labels().get("toxic") == 0 ? neutral : offensive).add(e.text());
            }
        }
        List<String> questions = corpora.injection().stream()
                .filter(e -> e.labels().get("injection") == 0)
                .map(LabelledCorpora.Example::text)
                .toList();
        Collections.shuffle(neutral, random);
        Collections.shuffle(offensive, random);
        neutral = neutral.subList(0, Math.min(neutral.size(), 2_500));
        offensive = offensive.subList(0, 800);

        long start = System.nanoTime();
        List<Completion> live = completions(neutral, random);
        List<Completion> shiftedTopic = completions(questions, random);
        List<Completion> shiftedContent = completions(offensive, random);
        int embedded = live.size() + shiftedTopic.size() + shiftedContent.size();
        double embedSeconds = (System.nanoTime() - start) / 1e9;

        KernelFeatures kernel = new KernelFeatures(Embeddings.DIMENSIONS);
        DriftSettings settings = DriftSettings.defaults();
        DriftProfile reference = profile(live.subList(0, REFERENCE), kernel);
        List<Completion> pool = live.subList(REFERENCE, live.size());

        System.out.printf(
                "%nDrift replay, %s, %d cores, Java %d: reference %d neutral tweets, %d windows per row, MiniLM"
                        + " embedded %d texts in %.1f s (%.0f/s on one thread)%n%n",
                LocalDate.now(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.version().feature(),
                REFERENCE,
                WINDOWS,
                embedded,
                embedSeconds,
                embedded / embedSeconds);
        System.out.println("| traffic | window | any drift alert | semantic | input tokens | other features |"
                + " fixed PSI > 0.1 (input tokens) |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int size : new int[] {50, 100, 400}) {
            row("no drift (neutral tweets)", size, pool, reference, kernel, settings, random);
        }
        for (int size : new int[] {50, 100}) {
            row("topic shift (assistant questions)", size, shiftedTopic, reference, kernel, settings, random);
            row("content shift (offensive tweets)", size, shiftedContent, reference, kernel, settings, random);
        }
    }

    private static void row(
            String traffic,
            int size,
            List<Completion> source,
            DriftProfile reference,
            KernelFeatures kernel,
            DriftSettings settings,
            Random random) {
        int any = 0;
        int semantic = 0;
        int tokens = 0;
        int others = 0;
        int naive = 0;
        for (int w = 0; w < WINDOWS; w++) {
            List<Completion> window = new ArrayList<>(source);
            Collections.shuffle(window, random);
            List<DriftScore> scores = DriftRules.compare(
                    profile(window.subList(0, Math.min(size, window.size())), kernel), reference, settings);
            boolean drifted = false;
            for (DriftScore s : scores) {
                drifted |= s.drifted();
                switch (s.feature()) {
                    case "input_semantic" -> semantic += s.drifted() ? 1 : 0;
                    case "input_tokens" -> {
                        tokens += s.drifted() ? 1 : 0;
                        naive += s.value() > 0.1 ? 1 : 0;
                    }
                    default -> others += s.drifted() ? 1 : 0;
                }
            }
            any += drifted ? 1 : 0;
        }
        System.out.printf(
                "| %s | %d | %s | %s | %s | %d alarms | %s |%n",
                traffic,
                Math.min(size, source.size()),
                share(any),
                share(semantic),
                share(tokens),
                others,
                share(naive));
    }

    private static String share(int windows) {
        return String.format("%.0f%% (%d/%d)", 100.0 * windows / WINDOWS, windows, WINDOWS);
    }

    private static DriftProfile profile(List<Completion> completions, KernelFeatures kernel) {
        DriftProfile profile = new DriftProfile();
        for (Completion c : completions) {
            profile.add(c, kernel.map(c.embedding()));
        }
        return profile;
    }

    /** Completions whose input is the text; everything else is drawn from one distribution for all windows. */
    private static List<Completion> completions(List<String> texts, Random random) {
        List<Completion> out = new ArrayList<>();
        for (String text : texts) {
            int words = text.isBlank() ? 0 : text.strip().split("\\s+").length;
            out.add(new Completion(
                    "r" + out.size(),
                    "replay#1",
                    "replay",
                    1,
                    Instant.EPOCH,
                    "stop",
                    Math.exp(Math.log(400) + 0.4 * random.nextGaussian()),
                    (int) Math.round(words * 1.3),
                    (int) Math.round(Math.exp(Math.log(120) + 0.5 * random.nextGaussian())),
                    List.of(),
                    random.nextDouble() * 0.2,
                    null,
                    CategoricalFeature.script(text),
                    text,
                    "",
                    null,
                    Embeddings.embed(text)));
        }
        return out;
    }
}
