package io.parapet.deployer.image;

import java.nio.file.Path;
import java.util.Map;

/**
 * What an image is built from.
 *
 * @param platformJar the server jar ({@code server/target/parapet.jar}, or the running one)
 * @param baseImage a registry image with a JRE on its {@code PATH} (for example {@code eclipse-temurin:21-jre}); null
 *     builds on {@link LocalRuntime} (scratch + a jlink-ed JRE + this machine's libraries), which needs no registry
 * @param javaHome the JDK {@link LocalRuntime} links from, when {@code baseImage} is null
 * @param releaseJson the release to bake in ({@code /app/release.json}); null builds the platform image
 * @param releaseDigest the release's digest, for the image's labels; null with {@code releaseJson}
 * @param labels more labels, such as {@code org.opencontainers.image.revision}
 * @param cache where layers and the local runtime are kept between builds
 */
public record ImageSpec(
        Path platformJar,
        String baseImage,
        Path javaHome,
        String releaseJson,
        String releaseDigest,
        Map<String, String> labels,
        Path cache) {

    public ImageSpec {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        // The runtime is linked inside the cache and its libraries found by ldd paths, which a relative cache breaks.
        cache = cache == null ? null : cache.toAbsolutePath();
        if ((releaseJson == null) != (releaseDigest == null)) {
            throw new IllegalArgumentException("a release image needs both the release and its digest");
        }
    }
}
