package io.parapet.server;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.parapet.core.Actor;
import io.parapet.core.PrivateFiles;
import io.parapet.core.Role;
import io.parapet.server.security.ApiKeyService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;

/**
 * Makes sure someone can log in: creates the admin key from configuration, or generates one on first start, and
 * prints the URL with it. A generated key is printed once; later starts say where it is stored.
 */
@Context
@Requires(notEnv = "edge")
class AdminKeyBootstrap implements ApplicationEventListener<ServerStartupEvent> {
    /** The shortest configured admin key accepted: {@code pk_} and 29 more characters (generated keys have 43). */
    static final int MIN_KEY_LENGTH = 32;

    private final ApiKeyService keys;
    private final ParapetConfig config;

    /** Created with the context, so a key that could never authenticate stops the start with a reason. */
    AdminKeyBootstrap(ApiKeyService keys, ParapetConfig config) {
        this.keys = keys;
        this.config = config;
        checkConfiguredKey(config.bootstrapAdminKey());
    }

    /** Refuses a configured admin key that could never authenticate, naming the form it needs. */
    static void checkConfiguredKey(String key) {
        if (key == null || key.isEmpty()) {
            return;
        }
        if (!key.equals(key.strip())
                || !key.startsWith("pk_")
                || key.length() < MIN_KEY_LENGTH
                || key.length() > 200
                || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new ConfigurationException("PARAPET_BOOTSTRAP_ADMIN_KEY must be 'pk_' followed by at least "
                    + (MIN_KEY_LENGTH - 3) + " printable characters (no spaces, at most 200 in all); the value given"
                    + " has " + key.length() + " characters"
                    + (key.startsWith("pk_") ? "" : " and lacks the pk_ prefix")
                    + ". Generate one with: echo pk_$(openssl rand -hex 24)");
        }
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        String url = "http://localhost:" + event.getSource().getPort();
        String keyLine = ensureAdminKey();
        java.io.PrintStream console = Parapet.console();
        console.println();
        console.println(
                "  Parapet is running at " + url + "  (web UI: " + url + "/ui, API docs: " + url + "/swagger-ui)");
        console.println("  " + keyLine);
        console.println();
    }

    private String ensureAdminKey() {
        String configured = config.bootstrapAdminKey();
        if (configured != null && !configured.isBlank()) {
            if (!keys.exists(configured)) {
                keys.issue("admin", EnumSet.of(Role.ADMIN), configured, Actor.SYSTEM);
            }
            return "admin key: from PARAPET_BOOTSTRAP_ADMIN_KEY";
        }
        Path file = config.home() == null || config.home().isBlank() ? null : Path.of(config.home(), "admin-key");
        try {
            if (file != null && Files.exists(file)) {
                String stored = Files.readString(file).trim();
                if (!keys.exists(stored)) {
                    keys.issue("admin", EnumSet.of(Role.ADMIN), stored, Actor.SYSTEM);
                }
                return "admin key: stored in " + file + "  (cat it, then send it as 'Authorization: Bearer <key>')";
            }
            if (file == null) {
                // Production mode: stdout ends up in container logs, so a generated key is never printed there.
                return keys.activeCount() > 0
                        ? "admin key: use an existing key, or set PARAPET_BOOTSTRAP_ADMIN_KEY"
                        : "no API key exists yet: set PARAPET_BOOTSTRAP_ADMIN_KEY (pk_ and 29+ characters) and restart";
            }
            String fresh = ApiKeyService.newKey();
            keys.issue("admin", EnumSet.of(Role.ADMIN), fresh, Actor.SYSTEM);
            Files.createDirectories(file.getParent());
            PrivateFiles.write(file, fresh + "\n");
            return "admin key: " + fresh + "  (shown once; also stored in " + file + ")";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the admin key file " + file, e);
        }
    }
}
