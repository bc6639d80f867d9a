package io.parapet.deployer.deployment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The {@code modelServer} of a deployment that runs a model server instead of a release: {@code kind} ({@code vllm},
 * {@code ollama} or {@code tgi}) serving {@code model} from the deployment's {@code image}, with {@code gpus} per
 * replica (default 1, 0 for CPU) and {@code startupSeconds} to load it (default 900). Once it is ready the deployer
 * registers its Service as model {@code catalogName} (default: the deployment's name) with provider {@code openai}.
 */
@Serdeable
public record ModelServerSpec(
        @Nullable String kind,
        @Nullable String model,
        @Nullable Integer gpus,
        @Nullable Integer startupSeconds,
        @Nullable List<String> args,
        @Nullable String tokenSecret,
        @Nullable String catalogName) {

    public int gpusOrDefault() {
        return gpus == null ? 1 : gpus;
    }

    public int startupOrDefault() {
        return startupSeconds == null ? 900 : startupSeconds;
    }

    public List<String> argsOrNone() {
        return args == null ? List.of() : args;
    }

    public String catalogNameOr(String deployment) {
        return catalogName == null ? deployment : catalogName;
    }
}
