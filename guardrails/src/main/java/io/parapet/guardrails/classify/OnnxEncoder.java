package io.parapet.guardrails.classify;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * One of langchain4j's quantized encoders, read from its model jar, with our own onnxruntime session. The stock
 * classes let onnxruntime use every core for one text; here {@code parapet.embeddings.threads} (default 1) bounds it,
 * because the gateway embeds many requests at once and each should take one core rather than fight for all of them.
 */
final class OnnxEncoder extends AbstractInProcessEmbeddingModel {
    private final OnnxBertBiEncoder encoder;

    OnnxEncoder(Encoder which, int threads) {
        super(Runnable::run);
        try (InputStream model = which.open(which.modelResource());
                InputStream tokenizer = which.open(which.tokenizerResource());
                OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession session = environment.createSession(model.readAllBytes(), options);
            encoder = new OnnxBertBiEncoder(environment, session, tokenizer, which.pooling());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + which.displayName() + " model from the classpath", e);
        } catch (OrtException e) {
            throw new IllegalStateException("onnxruntime cannot load the " + which.displayName() + " model", e);
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
}
