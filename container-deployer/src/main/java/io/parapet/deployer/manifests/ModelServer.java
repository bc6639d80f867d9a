package io.parapet.deployer.manifests;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.parapet.core.FieldError;
import java.util.ArrayList;
import java.util.List;

/**
 * A model server on a cluster: an image the user names (vLLM, Ollama or TGI) serving {@code model} behind a
 * Service, with GPUs and a start-up probe that waits as long as loading the model takes.
 *
 * @param model what the server loads and answers as: a Hugging Face id ({@code meta-llama/Llama-3.1-8B-Instruct})
 *     or an Ollama tag ({@code llama3.1:8b})
 * @param gpus {@code nvidia.com/gpu} per replica; above one the model is sharded across them
 * @param startupSeconds how long a pod may take to load the model before Kubernetes restarts it
 * @param args the user's own arguments, after Parapet's
 * @param tokenSecret a Secret whose {@code token} key is the Hugging Face token for gated models, or null
 */
public record ModelServer(
        String name,
        String namespace,
        ModelServerKind kind,
        String image,
        String model,
        int replicas,
        String cpu,
        String memory,
        int gpus,
        int startupSeconds,
        List<String> args,
        String tokenSecret)
        implements Workload {

    public static final int MAX_GPUS = 16;
    public static final int MAX_STARTUP_SECONDS = 7200;
    public static final int MAX_ARGS = 32;
    private static final String MODEL = "[A-Za-z0-9][A-Za-z0-9._:/@-]{0,255}";

    /** Throws a 400 listing every error. */
    public ModelServer checked() {
        List<FieldError> errors = new ArrayList<>();
        WorkloadChecks.names(errors, name, namespace);
        if (kind == null) {
            errors.add(new FieldError("modelServer.kind", "must be vllm, ollama or tgi"));
        }
        if (image == null
                || image.isBlank()
                || image.length() > 512
                || image.chars().anyMatch(Character::isWhitespace)) {
            errors.add(new FieldError("image", "is required: the model server's image (for example vllm/vllm-openai)"));
        }
        if (model == null || !model.matches(MODEL)) {
            errors.add(new FieldError(
                    "modelServer.model",
                    "must be a model id or tag of at most 256 characters (A-Z a-z 0-9 . _ : / @ -)"));
        }
        if (replicas < 1 || replicas > ReleaseDeployment.MAX_REPLICAS) {
            errors.add(new FieldError("replicas", "must be 1 to " + ReleaseDeployment.MAX_REPLICAS));
        }
        if (gpus < 0 || gpus > MAX_GPUS) {
            errors.add(new FieldError("modelServer.gpus", "must be 0 to " + MAX_GPUS));
        }
        if (startupSeconds < 30 || startupSeconds > MAX_STARTUP_SECONDS) {
            errors.add(new FieldError("modelServer.startupSeconds", "must be 30 to " + MAX_STARTUP_SECONDS));
        }
        if (args.size() > MAX_ARGS || args.stream().anyMatch(a -> a == null || a.length() > 512)) {
            errors.add(new FieldError(
                    "modelServer.args", "must be at most " + MAX_ARGS + " arguments of at most 512 characters"));
        }
        if (tokenSecret != null && !tokenSecret.matches(WorkloadChecks.SECRET)) {
            errors.add(new FieldError("modelServer.tokenSecret", "must be a Kubernetes Secret name"));
        }
        WorkloadChecks.quantity(errors, "cpu", cpu);
        WorkloadChecks.quantity(errors, "memory", memory);
        WorkloadChecks.throwIfAny(errors, "model server");
        return this;
    }

    @Override
    public List<HasMetadata> objects() {
        return ModelServerManifests.objects(this);
    }

    /** Where the catalog calls it: the Service, in the cluster's DNS, with the OpenAI-compatible API under /v1. */
    public String baseUrl() {
        return "http://" + name + "." + namespace + ".svc/v1";
    }
}
