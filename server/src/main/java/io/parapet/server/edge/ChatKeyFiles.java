package io.parapet.server.edge;

import io.micronaut.context.exceptions.ConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An edge gateway's chat keys: a folder (a mounted Kubernetes Secret) with one file per key, named after the key,
 * holding the SHA-256 of the key in hex ({@code printf %s "$KEY" | sha256sum}), optionally prefixed
 * {@code sha256:}. Hidden entries ({@code ..data}, the Secret's own bookkeeping) are skipped. A malformed file stops
 * the start, named, without its content.
 */
final class ChatKeyFiles {
    static final int MAX_KEYS = 1000;
    private static final Pattern HASH = Pattern.compile("(sha256:)?([0-9a-f]{64})");

    record HashedKey(String name, String sha256) {}

    private ChatKeyFiles() {}

    static List<HashedKey> read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new ConfigurationException("PARAPET_CHAT_KEYS_DIR " + folder + " is not a folder");
        }
        List<HashedKey> keys = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path file : entries.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") || !Files.isRegularFile(file)) {
                    continue;
                }
                if (keys.size() == MAX_KEYS || Files.size(file) > 200) {
                    throw new ConfigurationException("chat key file " + name + ": at most " + MAX_KEYS
                            + " keys, each a SHA-256 in hex (64 digits)");
                }
                var m = HASH.matcher(Files.readString(file).strip().toLowerCase(java.util.Locale.ROOT));
                if (!m.matches()) {
                    throw new ConfigurationException("chat key file " + name
                            + " must hold the key's SHA-256 in hex (64 digits), not the key itself");
                }
                if (!seen.add(m.group(2))) {
                    throw new ConfigurationException("chat key file " + name + " repeats another file's key");
                }
                keys.add(new HashedKey(name.length() > 100 ? name.substring(0, 100) : name, m.group(2)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the chat keys in " + folder, e);
        }
        return keys;
    }
}
