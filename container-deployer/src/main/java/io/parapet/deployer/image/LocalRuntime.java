package io.parapet.deployer.image;

import io.parapet.core.ContentHash;
import io.parapet.deployer.Commands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The root filesystem of a base image made on this machine, for users with no registry to take a JRE image from:
 * a {@code jlink}-ed runtime of the JDK that builds it, under {@code /opt/java}, plus the shared libraries that
 * runtime loads (found with {@code ldd}) and the C++ runtime the platform's native parts (ONNX Runtime, tokenizers)
 * need, each at the path it has here. Nothing is downloaded. It is built once per JDK and kept under the cache
 * folder; a folder is only used once it is complete.
 */
public final class LocalRuntime {
    /** What the platform needs of the JDK; modules this JDK lacks are left out. */
    static final List<String> MODULES = List.of(
            "java.se",
            "jdk.unsupported",
            "jdk.management",
            "jdk.zipfs",
            "jdk.naming.dns",
            "jdk.crypto.ec",
            "jdk.crypto.cryptoki",
            "jdk.charsets",
            "jdk.localedata",
            "jdk.httpserver",
            "jdk.jfr",
            "jdk.net",
            "jdk.security.auth");

    /** Loaded at run time by native code the jar unpacks, so ldd on the JRE does not find them. */
    static final List<String> EXTRA_LIBRARIES = List.of("libstdc++.so.6", "libgcc_s.so.1", "libz.so.1");

    static final List<Path> LIBRARY_DIRS = List.of(
            Path.of("/lib/x86_64-linux-gnu"), Path.of("/usr/lib/x86_64-linux-gnu"), Path.of("/lib64"), Path.of("/lib"));

    private static final Pattern LDD_PATH = Pattern.compile("(/\\S+\\.so[.0-9]*)");

    /** Where the runtime lives inside the image. */
    public static final String JAVA_HOME = "/opt/java";

    private LocalRuntime() {}

    /** The root filesystem folder for {@code javaHome}, made now unless the cache has it. */
    public static Path rootfs(Path cache, Path javaHome) {
        try {
            String key = ContentHash.sha256(javaHome.toRealPath() + "\n"
                            + Files.readString(javaHome.resolve("release"), StandardCharsets.UTF_8) + "\n" + MODULES
                            + EXTRA_LIBRARIES)
                    .substring(0, 16);
            Path done = cache.resolve("runtime-" + key);
            if (Files.exists(done.resolve(".complete"))) {
                return done;
            }
            Files.createDirectories(cache);
            Path work = Files.createTempDirectory(cache, "runtime-building-");
            Path java = work.resolve(JAVA_HOME.substring(1));
            Commands.run(List.of(
                    javaHome.resolve("bin/jlink").toString(),
                    "--add-modules",
                    String.join(",", available(javaHome)),
                    "--strip-debug",
                    "--no-man-pages",
                    "--no-header-files",
                    "--output",
                    java.toString()));
            for (String library : libraries(java)) {
                Path target = work.resolve(library.substring(1));
                Files.createDirectories(target.getParent());
                Files.copy(Path.of(library).toRealPath(), target, StandardCopyOption.REPLACE_EXISTING);
            }
            // Java and the native parts write under /tmp; on Kubernetes an emptyDir is mounted over it.
            Files.createDirectories(work.resolve("tmp"));
            Files.writeString(work.resolve(".complete"), key);
            try {
                Files.move(work, done, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                if (!Files.exists(done.resolve(".complete"))) {
                    throw raced;
                }
                // another build finished first: use theirs
            }
            return done;
        } catch (IOException e) {
            throw new UncheckedIOException("could not make the image's Java runtime from " + javaHome, e);
        }
    }

    private static List<String> available(Path javaHome) throws IOException {
        String listed = Commands.run(List.of(javaHome.resolve("bin/java").toString(), "--list-modules"));
        Set<String> present = new TreeSet<>();
        listed.lines().forEach(line -> present.add(line.split("@")[0].trim()));
        return MODULES.stream().filter(present::contains).toList();
    }

    /** Every shared library the runtime's executables and libraries load, and {@link #EXTRA_LIBRARIES}. */
    static Set<String> libraries(Path java) throws IOException {
        Set<String> found = new TreeSet<>();
        List<Path> elves = new ArrayList<>();
        try (Stream<Path> files = Files.walk(java)) {
            files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".so")
                            || f.getParent().endsWith("bin"))
                    .forEach(elves::add);
        }
        List<String> command = new ArrayList<>(List.of("ldd"));
        elves.forEach(e -> command.add(e.toString()));
        Matcher m = LDD_PATH.matcher(Commands.run(command, true));
        while (m.find()) {
            String path = m.group(1);
            if (!path.startsWith(java.toString()) && Files.exists(Path.of(path))) {
                found.add(path);
            }
        }
        for (String name : EXTRA_LIBRARIES) {
            LIBRARY_DIRS.stream()
                    .map(d -> d.resolve(name))
                    .filter(Files::exists)
                    .findFirst()
                    .ifPresent(p -> found.add(p.toString()));
        }
        return found;
    }
}
