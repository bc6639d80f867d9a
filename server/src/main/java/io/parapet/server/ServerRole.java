package io.parapet.server;

import io.micronaut.context.ApplicationContext;
import io.parapet.deployer.rollout.RolloutDriver;
import io.parapet.eval.run.RunWorker;
import io.parapet.eval.schedule.ScheduleTicker;
import io.parapet.streaming.monitor.MonitorEngine;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process that runs one part of Parapet, without the HTTP server, the UI or chat traffic (production mode only:
 * local mode's database and broker live inside one process).
 *
 * <ul>
 *   <li>{@code --role=streaming}: the monitors (Kafka Streams), the alert store and the outbox relay. Run API
 *       instances with {@code PARAPET_MONITORS_ENABLED=false} and as many streaming instances as the monitors need:
 *       they share one Kafka Streams application id, so each partition of {@code parapet.chat.completions} (and its
 *       window state) belongs to one instance at a time, and instances past the partition count stand by.
 *   <li>{@code --role=worker}: evaluation runs and scheduled evaluation jobs, so their load stays off the gateway
 *       replicas (run those with {@code PARAPET_EVAL_RUNNER_ENABLED=false}). Workers answer items through their own
 *       in-process gateway, lease runs from the shared database (a run whose worker dies resumes on another), and
 *       claim each schedule tick once however many there are.
 * </ul>
 */
enum ServerRole {
    STREAMING("--role=streaming", Map.of("parapet.eval.runner.enabled", "false")),
    WORKER("--role=worker", Map.of("parapet.monitors.enabled", "false", "parapet.eval.runner.enabled", "true"));

    private static final Logger LOG = LoggerFactory.getLogger(ServerRole.class);

    final String argument;
    private final Map<String, Object> overrides;

    ServerRole(String argument, Map<String, Object> overrides) {
        this.argument = argument;
        this.overrides = overrides;
    }

    static Optional<ServerRole> requested(String[] args) {
        return Arrays.stream(values())
                .filter(r -> Arrays.asList(args).contains(r.argument))
                .findFirst();
    }

    /** Starts the role and returns at once; its threads (Kafka Streams, the runner) keep the process alive. */
    void run(String[] args) {
        if (Parapet.mode().equals("local")) {
            System.err.println(argument + " needs a shared database and broker: set PARAPET_DB_URL and"
                    + " PARAPET_KAFKA_BOOTSTRAP_SERVERS (local mode runs everything in one process; start it without"
                    + " a role)");
            System.exit(2);
        }
        ApplicationContext context = start(Map.of(), args, Parapet.mode());
        Runtime.getRuntime().addShutdownHook(new Thread(context::close, "parapet-role-shutdown"));
    }

    /** The role's context: everything but the HTTP server (its controllers are never created). */
    ApplicationContext start(Map<String, Object> properties, String[] args, String... environments) {
        Map<String, Object> all = new HashMap<>(properties);
        all.putAll(overrides);
        ApplicationContext context = ApplicationContext.builder(Parapet.class)
                .environments(environments)
                .properties(all)
                .args(args)
                .banner(false)
                .start();
        if (this == WORKER) {
            // Without an HTTP server no startup event comes: the worker starts its loops itself.
            context.findBean(RunWorker.class).ifPresent(RunWorker::start);
            context.findBean(ScheduleTicker.class).ifPresent(ScheduleTicker::start);
            context.findBean(RolloutDriver.class).ifPresent(RolloutDriver::start);
        }
        LOG.info("{} started: {}", argument, describe(context));
        return context;
    }

    private String describe(ApplicationContext context) {
        if (this == WORKER) {
            return context.findBean(RunWorker.class).isPresent()
                    ? "executing evaluation runs and schedules"
                    : "no evaluation runner (no gateway to answer items)";
        }
        MonitorEngine engine = context.findBean(MonitorEngine.class).orElse(null);
        return "monitors "
                + (engine == null
                        ? "disabled (parapet.monitors.enabled=false)"
                        : engine.state().map(Object::toString).orElse("off (no Kafka configured)"));
    }
}
