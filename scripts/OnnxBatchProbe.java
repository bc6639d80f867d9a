// Per-sequence cost of the shipped MiniLM encoder by run length and batch size, one onnxruntime thread, as the
// scanners run it. Run: java -cp server/target/parapet.jar scripts/OnnxBatchProbe.java
// Answers two questions about the batch command line: does padding texts into one batched model call pay, and which
// run length is cheapest per piece? Random token ids; each cell runs 3 s after a 3 s warm-up.
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.InputStream;
import java.util.Map;
import java.util.Random;

void main() throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    byte[] model;
    try (InputStream in = OrtEnvironment.class.getResourceAsStream("/all-minilm-l6-v2-q.onnx")) {
        model = in.readAllBytes();
    }
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(1);
    options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    OrtSession session = env.createSession(model, options);
    for (int length : new int[] {32, 64, 128, 254}) {
        for (int batch : new int[] {1, 4, 8}) {
            long[][] ids = new long[batch][length];
            long[][] mask = new long[batch][length];
            Random random = new Random(1);
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < length; i++) {
                    ids[b][i] = 1000 + random.nextInt(20000);
                    mask[b][i] = 1;
                }
            }
            double msPerSequence = 0;
            for (int round = 0; round < 2; round++) { // the first round warms up
                long start = System.nanoTime();
                int sequences = 0;
                while (System.nanoTime() - start < 3_000_000_000L) {
                    try (OnnxTensor idTensor = OnnxTensor.createTensor(env, ids);
                            OnnxTensor maskTensor = OnnxTensor.createTensor(env, mask);
                            OnnxTensor typeTensor = OnnxTensor.createTensor(env, new long[batch][length]);
                            OrtSession.Result ignored = session.run(Map.of(
                                    "input_ids", idTensor, "attention_mask", maskTensor, "token_type_ids", typeTensor))) {
                        sequences += batch;
                    }
                }
                msPerSequence = (System.nanoTime() - start) / 1e6 / sequences;
            }
            System.out.printf(
                    "pieces %3d, batch %d: %6.2f ms per sequence, %.4f ms per piece%n",
                    length, batch, msPerSequence, msPerSequence / length);
        }
    }
}
