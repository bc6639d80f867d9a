package io.parapet.server;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.parapet.core.Actor;
import io.parapet.core.Role;
import io.parapet.server.security.ApiKeyService;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;

/**
 * Makes sure someone can log in: creates the admin key from configuration, or generates one on first start, and
 * prints the URL with it. A generated key is printed once; later starts say where it is stored.
 */
@Singleton
class AdminKeyBootstrap implements ApplicationEventListener<ServerStartupEvent> {
    private final ApiKeyService keys;
    private final ParapetConfig config;

    AdminKeyBootstrap(ApiKeyService keys, ParapetConfig config) {
        this.keys = keys;
        this.config = config;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        String url = "http://localhost:" + event.getSource().getPort();
        String keyLine = ensureAdminKey();
        System.out.println();
        System.out.println(
                "  Parapet is running at " + url + "  (web UI: " + url + "/ui, API docs: " + url + "/swagger-ui)");
        System.out.println("  " + keyLine);
        System.out.println();
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
            if (file == null && keys.activeCount() > 0) {
                return "admin key: use an existing key, or set PARAPET_BOOTSTRAP_ADMIN_KEY";
            }
            String fresh = ApiKeyService.newKey();
            keys.issue("admin", EnumSet.of(Role.ADMIN), fresh, Actor.SYSTEM);
            if (file != null) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, fresh + "\n");
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // Not a POSIX file system: the folder's own permissions apply.
                }
            }
            return "admin key: " + fresh
                    + (file == null ? "  (shown once: keep it)" : "  (shown once; also stored in " + file + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the admin key file " + file, e);
        }
    }
}
