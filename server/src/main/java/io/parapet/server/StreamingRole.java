package io.parapet.server;

import io.micronaut.context.ApplicationContext;
import io.parapet.streaming.monitor.MonitorEngine;
import java.util.Arrays;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --role=streaming}: the monitors (Kafka Streams), the alert store and the outbox relay, without the HTTP
 * server, the gateway or the UI. Run API instances with {@code PARAPET_MONITORS_ENABLED=false} and as many streaming
 * instances as the monitors need: they share one Kafka Streams application id, so each partition of
 * {@code parapet.chat.completions} (and its window state) belongs to one instance at a time, and instances past the
 * partition count stand by. Production mode only: local mode's database and broker live inside one process.
 */
final class StreamingRole {
    static final String ARGUMENT = "--role=streaming";
    private static final Logger LOG = LoggerFactory.getLogger(StreamingRole.class);

    private StreamingRole() {}

    static boolean requested(String[] args) {
        return Arrays.asList(args).contains(ARGUMENT);
    }

    /** Starts the streaming role and returns at once; the Kafka Streams threads keep the process alive. */
    static void run(String[] args) {
        if (Parapet.mode().equals("local")) {
            System.err.println(ARGUMENT + " needs a shared database and broker: set PARAPET_DB_URL and"
                    + " PARAPET_KAFKA_BOOTSTRAP_SERVERS (local mode runs everything in one process; start it without"
                    + " a role)");
            System.exit(2);
        }
        ApplicationContext context = start(Map.of(), args, Parapet.mode());
        Runtime.getRuntime().addShutdownHook(new Thread(context::close, "parapet-streaming-shutdown"));
    }

    /** The streaming role's context: everything but the HTTP server (its controllers are never created). */
    static ApplicationContext start(Map<String, Object> properties, String[] args, String... environments) {
        ApplicationContext context = ApplicationContext.builder(Parapet.class)
                .environments(environments)
                .properties(properties)
                .args(args)
                .banner(false)
                .start();
        MonitorEngine engine = context.findBean(MonitorEngine.class).orElse(null);
        LOG.info(
                "streaming role started: monitors {}",
                engine == null
                        ? "disabled (parapet.monitors.enabled=false)"
                        : engine.state().map(Object::toString).orElse("off (no Kafka configured)"));
        return context;
    }
}
