package io.parapet.ui.auth;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes expired browser sessions now and then; an expired one is refused anyway, this only keeps the table small. */
@Singleton
class SessionJanitor {
    private static final Logger LOG = LoggerFactory.getLogger(SessionJanitor.class);
    private final Sessions sessions;

    SessionJanitor(Sessions sessions) {
        this.sessions = sessions;
    }

    @Scheduled(initialDelay = "5m", fixedDelay = "1h")
    void purge() {
        try {
            int removed = sessions.purgeExpired();
            if (removed > 0) {
                LOG.info("removed {} expired UI sessions", removed);
            }
        } catch (RuntimeException e) { // the database may be away; the next run tries again
            LOG.warn("could not remove expired UI sessions: {}", e.getMessage());
        }
    }
}
