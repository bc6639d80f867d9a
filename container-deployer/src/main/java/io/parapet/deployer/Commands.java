package io.parapet.deployer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The machine's own tools (jlink, ldd, skopeo, umoci, bwrap, proot), found on the PATH and run to completion. */
public final class Commands {
    private Commands() {}

    /** The tool's path when it is installed and executable. */
    public static Optional<Path> find(String tool) {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/bin:/bin" : path).split(":")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public static String run(List<String> command) throws IOException {
        return run(command, false);
    }

    /**
     * Runs {@code command}, with its output (stdout and stderr) returned; a non-zero exit is an error unless
     * {@code lenient} (ldd exits non-zero when one file is not dynamic, which is fine).
     */
    public static String run(List<String> command, boolean lenient) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish in 5 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0 && !lenient) {
            throw new IOException(command.get(0) + " failed (" + p.exitValue() + "): " + out);
        }
        return out;
    }
}
