package io.parapet.server.edge;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.serde.ObjectMapper;
import io.parapet.core.Actor;
import io.parapet.core.Json;
import io.parapet.deployer.release.CredentialRef;
import io.parapet.deployer.release.ReleaseBundle;
import io.parapet.registry.ModelVersion;
import io.parapet.registry.PromptVersion;
import io.parapet.registry.RegistrySeed;
import io.parapet.server.security.ApiKeyService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Edge-gateway mode (a release image, or {@code PARAPET_RELEASE_FILE}): before the server takes traffic, fills the
 * in-memory registry with exactly the versions of the baked release (their numbers kept, so events and monitors see
 * {@code support/bot#7} as anywhere else), the models' credentials from the environment the release names, and the
 * chat keys from {@code PARAPET_CHAT_KEYS_DIR}. Nothing else exists: no admin key, no other prompt. Then it says
 * what it serves and where its events go.
 */
@jakarta.inject.Singleton
@Requires(env = "edge")
class EdgeGateway {
    static final Actor DEPLOYER = new Actor("deployer", io.parapet.core.Role.ADMIN.implied());
    private static final Logger LOG = LoggerFactory.getLogger(EdgeGateway.class);

    private final RegistrySeed seed;
    private final ObjectMapper json;
    private final ApiKeyService keys;
    private final Path releaseFile;
    private final @Nullable String keysDir;
    private final String kafka;
    private String served = "";
    private int keyCount;

    EdgeGateway(
            RegistrySeed seed,
            ObjectMapper json,
            ApiKeyService keys,
            @Value("${parapet.release-file}") String releaseFile,
            @Value("${parapet.chat-keys-dir:}") @Nullable String keysDir,
            @Value("${parapet.kafka.bootstrap-servers:}") String kafka) {
        this.seed = seed;
        this.json = json;
        this.keys = keys;
        this.releaseFile = Path.of(releaseFile);
        this.keysDir = keysDir;
        this.kafka = kafka;
    }

    @EventListener
    void load(StartupEvent event) {
        ReleaseBundle bundle = read(releaseFile);
        Map<String, CredentialRef> credentials = bundle.release().content().credentials();
        for (ModelVersion model : bundle.models()) {
            CredentialRef ref = credentials == null ? null : credentials.get(model.name());
            seed.model(model, ref == null ? null : credential(model.name(), ref), DEPLOYER);
        }
        for (PromptVersion policy : bundle.policies()) {
            seed.prompt(policy, bundle.labelsOf(policy), DEPLOYER);
        }
        for (PromptVersion prompt : bundle.prompts()) {
            seed.prompt(prompt, bundle.labelsOf(prompt), DEPLOYER);
        }
        served = bundle.prompts().stream()
                .map(p -> p.name() + "#" + p.version()
                        + (bundle.labelsOf(p).isEmpty() ? "" : " (" + String.join(", ", bundle.labelsOf(p)) + ")"))
                .collect(Collectors.joining(", "));
        served = "release " + bundle.release().id() + " (" + bundle.release().digest() + "): " + served;
        if (keysDir == null || keysDir.isBlank()) {
            LOG.warn("no PARAPET_CHAT_KEYS_DIR: no chat key exists, every chat request is refused");
            return;
        }
        List<ChatKeyFiles.HashedKey> hashed = ChatKeyFiles.read(Path.of(keysDir));
        hashed.forEach(k -> keys.admitHashed(k.name(), k.sha256(), DEPLOYER));
        keyCount = hashed.size();
    }

    @EventListener
    void announce(ServerStartupEvent event) {
        String url = "http://localhost:" + event.getSource().getPort();
        var console = io.parapet.server.Parapet.console();
        console.println();
        console.println("  Parapet edge gateway at " + url + "/v1, serving " + served);
        console.println("  " + keyCount + " chat key(s) from " + (keysDir == null ? "nowhere" : keysDir)
                + "; events: "
                + (kafka.isBlank()
                        ? "dropped (no PARAPET_KAFKA_BOOTSTRAP_SERVERS; nothing is kept in this process)"
                        : "to Kafka at " + kafka));
        console.println();
    }

    private String credential(String model, CredentialRef ref) {
        String variable = ref.variable(model);
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new ConfigurationException(
                    "model '" + model + "' takes its credential from " + variable + ", which is not set");
        }
        return value;
    }

    private ReleaseBundle read(Path file) {
        try {
            String text = Files.readString(file);
            if (!Json.read(text).path("release").isObject()) {
                throw new ConfigurationException(file + " is a release, not a release bundle: take it from"
                        + " GET /api/v1/releases/{id}/bundle");
            }
            ReleaseBundle bundle = json.readValue(text, ReleaseBundle.class);
            if (bundle.prompts() == null || bundle.policies() == null || bundle.models() == null) {
                throw new ConfigurationException(
                        file + " is not a complete release bundle (prompts, policies, models)");
            }
            return bundle;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the release bundle " + file, e);
        }
    }
}
