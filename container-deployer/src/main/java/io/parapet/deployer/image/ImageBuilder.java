package io.parapet.deployer.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;
import io.parapet.core.ParapetException;
import io.parapet.deployer.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds Parapet's images with Jib, without a container daemon:
 *
 * <ul>
 *   <li>the <b>platform image</b>: the server jar on a JRE, running Parapet itself;
 *   <li>the <b>release image</b>: the platform image plus {@code /app/release.json}, labelled with the release digest.
 * </ul>
 *
 * Layers go from least to most often changed (runtime, jar, release), so a new release rebuilds and pushes only its
 * small last layer. Every file time and the creation time are fixed, so the same inputs give the same digest. Labels
 * carry the OCI annotation keys ({@code org.opencontainers.image.*}) plus {@code io.parapet.release.digest}. A tar
 * of inputs built before comes from the build cache ({@link BuiltTars}).
 */
public final class ImageBuilder {
    public static final String JAR = "/app/parapet.jar";
    public static final String RELEASE = "/app/release.json";
    public static final String RELEASE_DIGEST_LABEL = "io.parapet.release.digest";
    public static final int PORT = 8080;

    /** What a build made: the manifest digest ({@code sha256:…}) and the image id (its config's digest). */
    public record Built(String digest, String imageId) {}

    /** Builds into an OCI image layout tar at {@code tar}, named {@code reference} inside it. Needs no network. */
    public Built toTar(ImageSpec spec, Path tar, String reference) {
        try {
            Files.createDirectories(tar.toAbsolutePath().getParent());
            BuiltTars built = new BuiltTars(spec.cache());
            String key = BuiltTars.key(spec, reference);
            var kept = built.reuse(key, tar);
            if (kept.isPresent()) {
                return kept.get();
            }
            // Jib writes into the path it is given: a tar linked from the cache must not be overwritten in place.
            Files.deleteIfExists(tar);
            Built made = build(
                    spec, Containerizer.to(TarImage.at(tar).named(reference)).setOfflineMode(spec.baseImage() == null));
            built.keep(key, tar, made);
            return made;
        } catch (InvalidImageReferenceException e) {
            throw ParapetException.invalidField("image", "'" + reference + "' is not an image reference");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Builds and pushes to {@code reference}'s registry. Plain HTTP is allowed only for a registry on this machine
     * (localhost, 127.0.0.1, [::1]); a refused login is a clear error, and a refused push leaves no tag behind.
     */
    public Built push(ImageSpec spec, String reference, RegistryLogin login) {
        RegistryImage target;
        try {
            target = RegistryImage.named(reference);
        } catch (InvalidImageReferenceException e) {
            throw ParapetException.invalidField("image", "'" + reference + "' is not an image reference");
        }
        if (login != null) {
            target.addCredential(login.username(), login.password());
        }
        boolean local = isLocal(reference.split("/")[0]);
        if (local) {
            // Jib keeps credentials off plain HTTP unless told; plain HTTP is only ever allowed to this machine.
            System.setProperty("sendCredentialsOverHttp", "true");
        }
        return build(spec, Containerizer.to(target).setAllowInsecureRegistries(local));
    }

    static boolean isLocal(String registryHost) {
        String host = registryHost.replaceFirst(":\\d+$", "");
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    }

    private Built build(ImageSpec spec, Containerizer containerizer) {
        try {
            Path cache = spec.cache();
            containerizer
                    .setToolName("parapet")
                    .setApplicationLayersCache(cache.resolve("layers"))
                    .setBaseImageLayersCache(cache.resolve("base-layers"));
            JibContainer built = plan(spec).containerize(containerizer);
            return new Built(built.getDigest().toString(), built.getImageId().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the image", e);
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof RegistryUnauthorizedException refused) {
                    throw new ParapetException(
                            io.parapet.core.Problem.FORBIDDEN,
                            "the registry refused the credentials for " + refused.getImageReference()
                                    + "; nothing was tagged");
                }
            }
            Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("the image build failed: " + cause, cause);
        }
    }

    private static JibContainerBuilder plan(ImageSpec spec) throws Exception {
        JibContainerBuilder image;
        String java;
        if (spec.baseImage() == null) {
            Path rootfs = LocalRuntime.rootfs(spec.cache(), spec.javaHome());
            FileEntriesLayer.Builder runtime = FileEntriesLayer.builder().setName("runtime");
            try (var top = Files.list(rootfs)) {
                // Each top-level folder on its own: Jib takes no entry for "/" itself.
                for (Path child : top.filter(Files::isDirectory).sorted().toList()) {
                    runtime.addEntryRecursive(
                            child,
                            AbsoluteUnixPath.get("/" + child.getFileName()),
                            (source, target) -> permissions(source),
                            FileEntriesLayer.DEFAULT_MODIFICATION_TIME_PROVIDER);
                }
            }
            image = Jib.fromScratch().addFileEntriesLayer(runtime.build());
            java = LocalRuntime.JAVA_HOME + "/bin/java";
        } else {
            image = Jib.from(spec.baseImage());
            java = "java";
        }
        image.addFileEntriesLayer(FileEntriesLayer.builder()
                .setName("platform")
                .addEntry(spec.platformJar(), AbsoluteUnixPath.get(JAR))
                .build());
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("org.opencontainers.image.title", spec.releaseJson() == null ? "parapet" : "parapet release");
        labels.put("org.opencontainers.image.version", Platform.version());
        labels.put("org.opencontainers.image.source", "https://github.com/parapet-ai/parapet");
        labels.putAll(spec.labels());
        if (spec.releaseJson() != null) {
            Path release = Files.createTempFile("parapet-release-", ".json");
            Files.writeString(release, spec.releaseJson(), StandardCharsets.UTF_8);
            release.toFile().deleteOnExit();
            image.addFileEntriesLayer(FileEntriesLayer.builder()
                    .setName("release")
                    .addEntry(release, AbsoluteUnixPath.get(RELEASE))
                    .build());
            labels.put(RELEASE_DIGEST_LABEL, spec.releaseDigest());
            image.addEnvironmentVariable("PARAPET_RELEASE_FILE", RELEASE);
        }
        return image.setFormat(ImageFormat.OCI)
                .setCreationTime(Instant.EPOCH)
                .setLabels(labels)
                .addEnvironmentVariable("PARAPET_HOME", "/tmp/parapet")
                .addEnvironmentVariable("HOME", "/tmp")
                .setExposedPorts(Set.of(Port.tcp(PORT)))
                .setUser("65532:65532")
                .setWorkingDirectory(AbsoluteUnixPath.get("/app"))
                .setEntrypoint(List.of(java, "--enable-native-access=ALL-UNNAMED", "-jar", JAR));
    }

    private static FilePermissions permissions(Path source) {
        try {
            return Files.isDirectory(source)
                    ? FilePermissions.fromOctalString(source.endsWith("tmp") ? "777" : "755")
                    : FilePermissions.fromPosixFilePermissions(Files.getPosixFilePermissions(source));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
