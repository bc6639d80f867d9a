package io.parapet.deployer.manifests;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Objects as a GitOps folder: one YAML file per object ({@code <kind>-<name>.yaml}) and a {@code kustomization.yaml}
 * listing them, in name order, so the same objects always give the same bytes and a diff in git shows what moved.
 */
public final class ManifestFiles {
    static final KubernetesSerialization YAML = new KubernetesSerialization();

    public static final String KUSTOMIZATION = "kustomization.yaml";

    private ManifestFiles() {}

    /** File name → content. */
    public static Map<String, String> render(List<HasMetadata> objects, String namespace) {
        Map<String, String> files = new TreeMap<>();
        for (HasMetadata o : objects) {
            String name = fileName(o);
            if (files.put(name, YAML.asYaml(o)) != null) {
                throw new IllegalStateException("two objects would be written to " + name);
            }
        }
        StringBuilder k = new StringBuilder(
                        "# Rendered by `parapet deploy render`; change it with patches in an overlay.\n")
                .append("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: ")
                .append(namespace)
                .append("\nresources:\n");
        files.keySet().forEach(f -> k.append("  - ").append(f).append('\n'));
        files.put(KUSTOMIZATION, k.toString());
        return files;
    }

    /** The file an object is written to: {@code <kind>-<name>.yaml}. */
    public static String fileName(HasMetadata o) {
        return o.getKind().toLowerCase(Locale.ROOT) + "-" + o.getMetadata().getName() + ".yaml";
    }

    /** Writes the files into {@code folder}, replacing what is there under the same names. */
    public static void write(Map<String, String> files, Path folder) throws IOException {
        Files.createDirectories(folder);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(folder.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
        }
    }

    /** One file's object read back. */
    public static HasMetadata read(String yaml) {
        return YAML.unmarshal(yaml, HasMetadata.class);
    }
}
