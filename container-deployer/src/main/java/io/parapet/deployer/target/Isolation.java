package io.parapet.deployer.target;

import io.parapet.deployer.Commands;
import java.io.IOException;
import java.util.List;

/** How an unpacked image is entered. */
public enum Isolation {
    /** bubblewrap: a real mount namespace, so every system call sees the image's files. */
    BWRAP,
    /**
     * proot (ptrace). Debian 12's proot 5.3 does not translate {@code statx}, which Java 22+ uses for file
     * attributes, so a path only the image has looks absent to Java. The image's writable and read paths are
     * therefore mounted at their own host paths too ("identity binds"), and the entrypoint addresses them so.
     */
    PROOT;

    /** bwrap when it works here (user namespaces allowed), else proot; empty when neither is installed. */
    public static java.util.Optional<Isolation> best() {
        if (Commands.find("bwrap").isPresent()) {
            try {
                Commands.run(List.of("bwrap", "--ro-bind", "/", "/", "true"));
                return java.util.Optional.of(BWRAP);
            } catch (IOException notHere) {
                // Fall through to proot.
            }
        }
        return Commands.find("proot").map(p -> PROOT);
    }
}
