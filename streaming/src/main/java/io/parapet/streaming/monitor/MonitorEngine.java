package io.parapet.streaming.monitor;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import io.parapet.streaming.KafkaEndpoint;
import io.parapet.streaming.KafkaSettings;
import io.parapet.streaming.monitor.drift.DriftSettings;
import io.parapet.streaming.monitor.online.OnlineCheck;
import io.parapet.streaming.monitor.online.OnlineSettings;
import io.parapet.streaming.relay.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the monitors in this process when Kafka is known ({@code parapet.monitors.enabled}, on by default). All
 * instances share the application id, so Kafka Streams spreads the partitions of {@code parapet.chat.completions}
 * over them: each partition (and its window stores) is owned by exactly one instance at a time, and a restarted or
 * added instance takes partitions over from their changelogs. Results are written with {@code exactly_once_v2}.
 */
@Singleton
@Requires(property = "parapet.monitors.enabled", notEquals = "false")
public class MonitorEngine {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorEngine.class);

    private final KafkaEndpoint endpoint;
    private final MonitorSettings settings;
    private final DriftSettings drift;
    private final OnlineSettings online;
    private final MonitorPlugins plugins;
    private KafkaStreams streams;
    private volatile boolean shuttingDown;

    MonitorEngine(
            KafkaEndpoint endpoint,
            MonitorSettings settings,
            DriftSettings drift,
            OnlineSettings online,
            @Nullable TextScorer toxicity,
            @Nullable TextEmbedder embedder,
            List<OnlineCheck> checks) {
        this.endpoint = endpoint;
        this.settings = settings;
        this.drift = drift;
        this.online = online;
        this.plugins = new MonitorPlugins(toxicity, embedder, checks);
    }

    /**
     * Stops at the start of shutdown, before beans are destroyed: in local mode the broker lives in this process and
     * would otherwise go first, leaving Kafka clients retrying against it.
     */
    @EventListener
    void onShutdown(ShutdownEvent event) throws InterruptedException {
        shuttingDown = true;
        stop();
    }

    /** A failed start (the broker away, a topic not ready) must not stop the server: the monitors retry. */
    @EventListener
    void onStartup(StartupEvent event) {
        Thread.ofVirtual().name("parapet-monitors-start").start(() -> {
            for (int attempt = 1; !shuttingDown; attempt++) {
                try {
                    start();
                    return;
                } catch (Exception e) {
                    LOG.error("the monitors could not start (attempt {}); retrying in 5 s", attempt, e);
                    try {
                        Thread.sleep(5_000);
                    } catch (InterruptedException stop) {
                        return;
                    }
                }
            }
        });
    }

    /** Starts the monitors when Kafka is known; a stopped engine can be started again (it restores its state). */
    public synchronized void start() throws Exception {
        if (streams != null) {
            return;
        }
        Optional<KafkaSettings> kafka = endpoint.resolve();
        if (kafka.isEmpty()) {
            LOG.info("no Kafka configured (PARAPET_KAFKA_BOOTSTRAP_SERVERS): the monitors are off");
            return;
        }
        List<String> topics = new ArrayList<>(Topics.names());
        topics.addAll(MonitorTopics.all());
        Topics.create(kafka.get(), topics);
        KafkaStreams created =
                new KafkaStreams(MonitorTopology.build(settings, drift, online, plugins), properties(kafka.get()));
        // A record the monitors cannot read goes to the dead-letter topic; anything else that escapes is a bug,
        // and the thread is replaced rather than the monitors stopped.
        created.setUncaughtExceptionHandler(e -> {
            LOG.error("a monitor thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        try {
            created.start();
        } catch (RuntimeException e) {
            created.close(Duration.ofSeconds(5));
            throw e;
        }
        streams = created;
        LOG.info(
                "monitors running over windows {}",
                settings.windows().stream().map(MonitorSettings::label).toList());
    }

    /** The state of the Kafka Streams client, or empty when the monitors do not run here. */
    public Optional<KafkaStreams.State> state() {
        return Optional.ofNullable(streams).map(KafkaStreams::state);
    }

    /** Stops the monitors; windows in progress stay in their changelogs for the next start, here or elsewhere. */
    @PreDestroy
    public synchronized void stop() {
        if (streams != null) {
            if (!streams.close(Duration.ofSeconds(15))) {
                LOG.warn("the monitors did not stop within 15 s (is the Kafka broker already down?)");
            }
            streams = null;
        }
    }

    private Properties properties(KafkaSettings kafka) throws IOException {
        Properties props = new Properties();
        props.putAll(kafka.clientProperties());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) kafka.replicationFactor());
        props.put(
                StreamsConfig.STATE_DIR_CONFIG,
                settings.stateDir().isBlank()
                        ? Files.createTempDirectory("parapet-monitors").toString()
                        : settings.stateDir());
        return props;
    }
}
