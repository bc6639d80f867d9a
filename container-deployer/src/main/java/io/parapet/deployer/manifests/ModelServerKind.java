package io.parapet.deployer.manifests;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The model servers Parapet deploys, each with its OpenAI-compatible API under {@code /v1}: the port it listens on,
 * the path that answers once the model is loaded, and the arguments its image's entrypoint takes.
 */
public enum ModelServerKind {
    /** {@code vllm/vllm-openai}: the entrypoint is the OpenAI server; {@code /health} is 200 once the model loaded. */
    VLLM(8000, "/health"),
    /** {@code ghcr.io/huggingface/text-generation-inference}: the launcher; its Messages API is OpenAI's. */
    TGI(8080, "/health"),
    /** {@code ollama/ollama}: the server starts empty and the model is pulled into it after start. */
    OLLAMA(11434, "/api/version");

    private final int port;
    private final String healthPath;

    ModelServerKind(int port, String healthPath) {
        this.port = port;
        this.healthPath = healthPath;
    }

    public int port() {
        return port;
    }

    public String healthPath() {
        return healthPath;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The entrypoint's arguments for {@code model} on {@code gpus} GPUs, before the user's own. */
    List<String> arguments(String model, int gpus) {
        List<String> args = new ArrayList<>();
        switch (this) {
            case VLLM -> {
                args.addAll(List.of("--model", model, "--served-model-name", model, "--port", "" + port));
                if (gpus > 1) {
                    args.addAll(List.of("--tensor-parallel-size", "" + gpus));
                }
            }
            case TGI -> {
                args.addAll(List.of("--model-id", model, "--port", "" + port));
                if (gpus > 1) {
                    args.addAll(List.of("--num-shard", "" + gpus));
                }
            }
            case OLLAMA -> args.add("serve");
        }
        return args;
    }

    /** Null when {@code wire} names no kind. */
    public static ModelServerKind parse(String wire) {
        return Arrays.stream(values())
                .filter(k -> k.wire().equals(wire))
                .findFirst()
                .orElse(null);
    }
}
