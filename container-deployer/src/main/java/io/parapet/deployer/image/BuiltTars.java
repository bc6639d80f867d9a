package io.parapet.deployer.image;

import io.parapet.core.ContentHash;
import io.parapet.deployer.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The image tars already built, kept in the build cache under a key of everything that goes into them, so a rebuild
 * of unchanged inputs hands back the same tar (hard-linked, else copied) and digest instead of writing 250 MB again.
 * The jar counts by path, size and modification time, the way build tools judge a file unchanged. At most {@link
 * #KEPT} tars are kept; older ones are removed.
 */
final class BuiltTars {
    static final int KEPT = 3;

    private final Path folder;

    BuiltTars(Path cache) {
        this.folder = cache.resolve("tars");
    }

    /** The key of the image {@code spec} builds under {@code reference}. */
    static String key(ImageSpec spec, String reference) {
        try {
            var inputs = new TreeMap<String, Object>();
            inputs.put("platform", Platform.version());
            inputs.put("reference", reference);
            inputs.put("jar", spec.platformJar().toAbsolutePath().toString());
            inputs.put("jarSize", Files.size(spec.platformJar()));
            inputs.put("jarTime", Files.getLastModifiedTime(spec.platformJar()).toMillis());
            inputs.put("base", String.valueOf(spec.baseImage()));
            inputs.put("java", String.valueOf(spec.javaHome()));
            inputs.put("release", String.valueOf(spec.releaseJson()));
            inputs.put("labels", new TreeMap<>(spec.labels()).toString());
            return ContentHash.sha256(inputs.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + spec.platformJar(), e);
        }
    }

    /** Puts the tar built under {@code key} at {@code tar}; empty when there is none. */
    Optional<ImageBuilder.Built> reuse(String key, Path tar) throws IOException {
        Path kept = folder.resolve(key + ".tar");
        Path digests = folder.resolve(key + ".digests");
        if (!Files.exists(kept) || !Files.exists(digests)) {
            return Optional.empty();
        }
        String[] d = Files.readString(digests).strip().split(" ");
        Files.deleteIfExists(tar);
        link(kept, tar);
        Files.setLastModifiedTime(kept, FileTime.fromMillis(System.currentTimeMillis()));
        return Optional.of(new ImageBuilder.Built(d[0], d[1]));
    }

    /** Keeps the tar just built at {@code tar} under {@code key}, and forgets the oldest beyond {@link #KEPT}. */
    void keep(String key, Path tar, ImageBuilder.Built built) throws IOException {
        Files.createDirectories(folder);
        Path kept = folder.resolve(key + ".tar");
        Files.deleteIfExists(kept);
        link(tar, kept);
        Files.writeString(folder.resolve(key + ".digests"), built.digest() + " " + built.imageId());
        try (var tars = Files.list(folder)) {
            var old = tars.filter(p -> p.toString().endsWith(".tar"))
                    .sorted(Comparator.comparing(BuiltTars::modified).reversed())
                    .skip(KEPT)
                    .toList();
            for (Path p : old) {
                Files.deleteIfExists(p);
                Files.deleteIfExists(Path.of(p.toString().replaceFirst("\\.tar$", ".digests")));
            }
        }
    }

    /** A hard link where the file system allows (no copy, no space), else a copy. */
    private static void link(Path from, Path to) throws IOException {
        try {
            Files.createLink(to, from);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
