package io.parapet.gateway;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.parapet.registry.PromptCache;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives other instances' registry changes (PostgreSQL {@code LISTEN parapet_registry}) on a connection of its
 * own and clears the prompt cache within the poll interval. While the connection is down the cache falls back to
 * a one-second lifetime, and everything is cleared on reconnection, since notifications may have been missed.
 */
@Singleton
@Requires(property = "datasources.default.url", pattern = "jdbc:postgresql:.*")
public class PromptCacheListener {
    private static final Logger LOG = LoggerFactory.getLogger(PromptCacheListener.class);
    static final String CHANNEL = "parapet_registry";
    private static final int POLL_MILLIS = 250;

    private final PromptCache cache;
    private final String url;
    private final String user;
    private final String password;
    private volatile boolean running;
    private volatile Thread worker;
    private volatile Connection connection;

    PromptCacheListener(
            PromptCache cache,
            @Value("${datasources.default.url}") String url,
            @Value("${datasources.default.username:}") String user,
            @Value("${datasources.default.password:}") String password) {
        this.cache = cache;
        this.url = url;
        this.user = user;
        this.password = password;
        cache.pushConnected(false); // until the first LISTEN succeeds
    }

    @EventListener
    synchronized void onStartup(StartupEvent event) {
        running = true;
        worker = Thread.ofPlatform().daemon().name("prompt-cache-listener").start(this::loop);
    }

    private void loop() {
        long backoff = POLL_MILLIS;
        while (running) {
            try (Connection c = DriverManager.getConnection(url, user, password)) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                cache.pushConnected(true);
                backoff = POLL_MILLIS;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notes = pg.getNotifications(POLL_MILLIS);
                    if (notes != null && notes.length > 0) {
                        cache.invalidateAll();
                    }
                }
            } catch (SQLException e) {
                cache.pushConnected(false);
                if (running) {
                    LOG.warn("registry change listener lost its connection, retrying: {}", e.getMessage());
                }
            }
            sleep(backoff);
            backoff = Math.min(backoff * 2, 5_000);
        }
    }

    /** Whether other instances' changes currently arrive by push. */
    boolean listening() {
        Connection c = connection;
        try {
            return c != null && !c.isClosed() && running;
        } catch (SQLException e) {
            return false;
        }
    }

    @PreDestroy
    synchronized void stop() throws InterruptedException {
        running = false;
        Thread t = worker;
        if (t != null) {
            t.join(2_000);
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
