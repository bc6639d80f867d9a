package io.parapet.deployer.target;

import io.parapet.deployer.manifests.ManifestFiles;
import io.parapet.deployer.manifests.Workload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * GitOps: writes a deployment's objects, the very ones the {@code kubernetes} target applies, as deterministic YAML
 * with a {@code kustomization.yaml} under {@code <root>/<namespace>/<name>/}, for Argo CD or Flux to apply. Whether
 * the cluster runs them is theirs to say, so a written deployment is {@code rendered}, never {@code ready}.
 */
public class ManifestsTarget implements DeployTarget {
    private final Path root;

    public ManifestsTarget(Path root) {
        this.root = root;
    }

    @Override
    public String kind() {
        return "manifests";
    }

    @Override
    public TargetStatus deploy(Workload d, Duration timeout) {
        var files = ManifestFiles.render(d.objects(), d.namespace());
        Path folder = folder(d.namespace(), d.name());
        try {
            Folders.deleteTree(folder);
            ManifestFiles.write(files, folder);
        } catch (IOException e) {
            throw new DeployFailure(new TargetStatus(
                    "failed", 0, d.replicas(), null, "cannot write " + folder + ": " + e.getMessage()));
        }
        return status(d.namespace(), d.name());
    }

    @Override
    public TargetStatus status(String namespace, String name) {
        Path folder = folder(namespace, name);
        return Files.exists(folder.resolve(ManifestFiles.KUSTOMIZATION))
                ? new TargetStatus("rendered", 0, 0, folder.toString(), null)
                : TargetStatus.absent();
    }

    @Override
    public List<String> logs(String namespace, String name, int lines) {
        return List.of();
    }

    @Override
    public void undeploy(String namespace, String name) {
        try {
            Folders.deleteTree(folder(namespace, name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path folder(String namespace, String name) {
        return root.resolve(namespace).resolve(name);
    }
}
