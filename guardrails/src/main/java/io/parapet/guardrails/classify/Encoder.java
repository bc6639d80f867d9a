package io.parapet.guardrails.classify;

import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.InputStream;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The sentence encoders the heads can be trained on: small quantized BERT models that langchain4j ships as jars.
 * The shipped heads are trained on {@link #MINILM_L6}; the others are on the test classpath only, so that
 * {@code ./parapet accuracy encoders} can measure them (docs/guardrails-accuracy.md has the comparison). A head records
 * the encoder it was trained on and refuses to load under another, since every model gives 384 numbers and a
 * mismatch would otherwise score silently wrong.
 */
public enum Encoder {
    /** all-MiniLM-L6-v2: 6 layers, mean pooling. */
    MINILM_L6("minilm-l6", "all-minilm-l6-v2-q", "all-MiniLM-L6-v2 (quantized)", PoolingMode.MEAN, ""),
    /** bge-small-en-v1.5: 12 layers, the [CLS] vector. */
    BGE_SMALL("bge-small", "bge-small-en-v1.5-q", "bge-small-en-v1.5 (quantized)", PoolingMode.CLS, ""),
    /** e5-small-v2: 12 layers, mean pooling; its authors prefix text to be classified with "query: ". */
    E5_SMALL("e5-small", "e5-small-v2-q", "e5-small-v2 (quantized)", PoolingMode.MEAN, "query: ");

    private final String id;
    private final String resource;
    private final String displayName;
    private final PoolingMode pooling;
    private final String prefix;

    Encoder(String id, String resource, String displayName, PoolingMode pooling, String prefix) {
        this.id = id;
        this.resource = resource;
        this.displayName = displayName;
        this.pooling = pooling;
        this.prefix = prefix;
    }

    /** The encoder named by {@code parapet.embeddings.model} (default {@code minilm-l6}). */
    public static Encoder active() {
        return byId(System.getProperty("parapet.embeddings.model", MINILM_L6.id));
    }

    public static Encoder byId(String id) {
        return Arrays.stream(values())
                .filter(e -> e.id.equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown encoder '" + id + "'; known: "
                        + Arrays.stream(values()).map(Encoder::id).collect(Collectors.joining(", "))));
    }

    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    String modelResource() {
        return resource + ".onnx";
    }

    String tokenizerResource() {
        return resource + "-tokenizer.json";
    }

    PoolingMode pooling() {
        return pooling;
    }

    String prefix() {
        return prefix;
    }

    /** A file of this encoder's model jar, with an error naming the jar when it is not on the classpath. */
    InputStream open(String name) {
        InputStream in = Encoder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(
                    name + " is missing: is " + artifact() + " on the classpath? (encoder " + id + ")");
        }
        return in;
    }

    /** The Maven artifact that holds the model, for the error when it is missing. */
    String artifact() {
        return "langchain4j-embeddings-" + resource.replace("-v1.5", "-v15");
    }
}
