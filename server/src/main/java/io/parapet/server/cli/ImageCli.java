package io.parapet.server.cli;

import io.parapet.core.Json;
import io.parapet.core.ParapetException;
import io.parapet.deployer.Platform;
import io.parapet.deployer.image.ImageBuilder;
import io.parapet.deployer.image.ImageSpec;
import io.parapet.deployer.image.RegistryLogin;
import io.parapet.server.Parapet;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code parapet deploy image (--out TAR | --push REF) [--release-file F] [--base REF] [--tag NAME] [--jar PATH]
 * [--cache DIR] [--revision SHA] [--username U]}: builds the platform image, or with {@code --release-file} (a release
 * bundle, as {@code GET /api/v1/releases/{id}/bundle} returns it) the release image, and writes an OCI layout tar or pushes it. The
 * registry password comes from {@code PARAPET_REGISTRY_PASSWORD}, never from the command line. Prints the digest.
 */
final class ImageCli {
    static final String USAGE = "usage: deploy image (--out TAR | --push REF) [--release-file F] [--base REF]"
            + " [--tag NAME] [--jar PATH] [--cache DIR] [--revision SHA] [--username U]";
    private static final List<String> OPTIONS =
            List.of("out", "push", "release-file", "base", "tag", "jar", "cache", "revision", "username");

    private ImageCli() {}

    static int run(Map<String, String> options, PrintStream out, PrintStream err) throws IOException {
        for (String key : options.keySet()) {
            if (!OPTIONS.contains(key)) {
                err.println("unknown option --" + key + "\n" + USAGE);
                return 2;
            }
        }
        if (!options.containsKey("out") && !options.containsKey("push")) {
            err.println(USAGE);
            return 2;
        }
        String release = null;
        String digest = null;
        String tag = "parapet/platform:" + Platform.version();
        if (options.containsKey("release-file")) {
            release = Files.readString(Path.of(options.get("release-file")));
            var parsed = Json.read(release).path("release");
            digest = parsed.path("digest").asText("");
            if (!digest.matches("sha256:[0-9a-f]{64}")) {
                throw ParapetException.invalidField(
                        "release-file",
                        "is not a release bundle (no release.digest): take it from GET /api/v1/releases/{id}/bundle");
            }
            tag = "parapet/release:" + parsed.path("id").asText("latest");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (options.containsKey("revision")) {
            labels.put("org.opencontainers.image.revision", options.get("revision"));
        }
        ImageSpec spec = new ImageSpec(
                Path.of(options.getOrDefault("jar", runningJar())),
                options.get("base"),
                Path.of(System.getProperty("java.home")),
                release,
                digest,
                labels,
                Path.of(options.getOrDefault("cache", Path.of(home(), "images").toString())));
        ImageBuilder builder = new ImageBuilder();
        if (options.containsKey("out")) {
            ImageBuilder.Built built =
                    builder.toTar(spec, Path.of(options.get("out")), options.getOrDefault("tag", tag));
            out.println(options.get("out") + " " + built.digest());
        }
        if (options.containsKey("push")) {
            String password = System.getenv("PARAPET_REGISTRY_PASSWORD");
            RegistryLogin login = options.containsKey("username")
                    ? new RegistryLogin(options.get("username"), password == null ? "" : password)
                    : null;
            ImageBuilder.Built built = builder.push(spec, options.get("push"), login);
            out.println(options.get("push") + "@" + built.digest());
        }
        return 0;
    }

    private static String home() {
        String home = System.getenv("PARAPET_HOME");
        return home == null || home.isBlank() ? ".parapet" : home;
    }

    /** The jar this command runs from: the image carries the very platform that built it. */
    private static String runningJar() {
        try {
            Path self = Path.of(Parapet.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            if (!Files.isRegularFile(self)) {
                throw ParapetException.invalidField("jar", "is required when not running from the packaged jar");
            }
            return self.toString();
        } catch (java.net.URISyntaxException e) {
            throw ParapetException.invalidField("jar", "is required: " + e.getMessage());
        }
    }
}
