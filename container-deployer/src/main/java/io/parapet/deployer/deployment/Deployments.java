package io.parapet.deployer.deployment;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Sort;
import io.micronaut.serde.ObjectMapper;
import io.parapet.core.Actor;
import io.parapet.core.ContentHash;
import io.parapet.core.Page;
import io.parapet.core.PageRequest;
import io.parapet.core.ParapetException;
import io.parapet.core.Role;
import io.parapet.deployer.deployment.internal.DeploymentEntity;
import io.parapet.deployer.deployment.internal.DeploymentEventRepository;
import io.parapet.deployer.deployment.internal.DeploymentRepository;
import io.parapet.deployer.manifests.ModelServer;
import io.parapet.deployer.manifests.ReleaseDeployment;
import io.parapet.deployer.manifests.Workload;
import io.parapet.deployer.release.Release;
import io.parapet.deployer.release.ReleaseService;
import io.parapet.deployer.target.DeployFailure;
import io.parapet.deployer.target.TargetStatus;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deployments of releases (and of model servers, {@link ModelServers}) to targets. {@link #apply} records the deployment as {@code deploying} and returns; a
 * virtual thread brings it up and records {@code ready}, or {@code failed} with the target's reason, or, when an
 * earlier release was serving, brings that one back ({@code rolled-back}). Every change is a compare-and-set on the
 * deployment's revision, so of two publishers acting at once one gets 409; each leaves an event and an audit entry.
 */
@Singleton
public class Deployments {
    static final int MAX_LOG_LINES = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(Deployments.class);

    private final DeploymentRepository deployments;
    private final DeploymentEventRepository events;
    private final DeploymentLedger ledger;
    private final DeployTargets targets;
    private final ReleaseService releases;
    private final ModelServers modelServers;
    private final ObjectMapper json;
    private final @Nullable String localJar;
    private final Path keysRoot;

    Deployments(
            DeploymentRepository deployments,
            DeploymentEventRepository events,
            DeploymentLedger ledger,
            DeployTargets targets,
            ReleaseService releases,
            ModelServers modelServers,
            ObjectMapper json,
            @Value("${parapet.deploy.local-jar:}") @Nullable String localJar,
            @Value("${parapet.home:}") @Nullable String home) {
        this.deployments = deployments;
        this.events = events;
        this.ledger = ledger;
        this.targets = targets;
        this.releases = releases;
        this.modelServers = modelServers;
        this.json = json;
        this.localJar = localJar == null || localJar.isBlank()
                ? io.parapet.deployer.Platform.runningJar().orElse(null)
                : localJar;
        this.keysRoot = (home == null || home.isBlank()
                        ? Path.of(System.getProperty("java.io.tmpdir"), "parapet-deployments")
                        : Path.of(home, "deployments"))
                .resolve("chat-keys");
    }

    /** Starts (or restarts with a new spec) a deployment; the answer is {@code deploying}. */
    public Deployment apply(DeploymentSpec spec, Actor actor) {
        actor.require(Role.PUBLISHER, "deploy");
        if (spec == null) {
            throw ParapetException.invalid("a deployment needs a body: {name, release, target?, …}");
        }
        DeploymentChecks.check(spec);
        DeployTargets.Resolved target = targets.open(spec.targetOrLocal());
        Release release = spec.isModelServer() ? null : releases.get(spec.release());
        // Every remaining error, before anything changes.
        Workload planned = spec.isModelServer() ? modelServers.plan(spec, target) : plan(spec, target, release);
        DeploymentEntity row = ledger.record(spec, write(spec), release, actor);
        // Only the publisher whose record won makes the key, so the key shown is the one whose hash is stored.
        String chatKey = target.kind().equals(DeployTargets.LOCAL) ? localChatKey(spec.name()) : null;
        run(row, planned, Duration.ofSeconds(spec.timeout()));
        return view(row, chatKey);
    }

    /** Deploys the deployment's current spec again (after a failure, a stop or an unreachable cluster). */
    public Deployment retry(long id, Actor actor) {
        DeploymentEntity row = row(id);
        return apply(read(row), actor);
    }

    private void run(DeploymentEntity row, Workload planned, Duration timeout) {
        Thread.ofVirtual().name("deploy-" + row.name()).start(() -> {
            DeployTargets.Resolved target = targets.open(row.target());
            try {
                TargetStatus status = target.target().deploy(planned, timeout);
                String note = null;
                String endpoint = status.endpoint();
                if (planned instanceof ModelServer server) {
                    note = modelServers.register(read(row), server, row.target() + "/" + row.name());
                    endpoint = server.baseUrl();
                }
                ledger.finish(row, row.releaseId(), status.state(), note, endpoint);
            } catch (DeployFailure failed) {
                rollBackOrFail(row, planned, target, failed.getMessage(), timeout);
            } catch (RuntimeException e) {
                LOG.warn("deploying {} failed", row.name(), e);
                rollBackOrFail(row, planned, target, e.getMessage(), timeout);
            }
        });
    }

    /** An earlier release that served comes back; without one the deployment stays failed with the reason. */
    private void rollBackOrFail(
            DeploymentEntity row, Workload planned, DeployTargets.Resolved target, String reason, Duration timeout) {
        Long previous = row.readyReleaseId();
        if (previous == null || previous.equals(row.releaseId())) {
            ledger.finish(row, row.readyReleaseId(), "failed", reason, null);
            return;
        }
        try {
            Release earlier = releases.get(String.valueOf(previous));
            TargetStatus back = target.target().deploy(plan(read(row), target, earlier), timeout);
            ledger.finish(
                    row,
                    previous,
                    "rolled-back",
                    "release " + row.releaseId() + " did not become ready (" + reason + "); back on release "
                            + previous,
                    back.endpoint());
        } catch (RuntimeException alsoFailed) {
            ledger.finish(
                    row,
                    null,
                    "failed",
                    reason + "; the rollback to release " + previous + " failed too: " + alsoFailed.getMessage(),
                    null);
        }
    }

    /** Removes everything the deployment runs; its record stays as {@code removed}, with its history. */
    public Deployment undeploy(long id, Actor actor) {
        actor.require(Role.PUBLISHER, "undeploy");
        DeploymentEntity row = row(id);
        DeployTargets.Resolved target = targets.open(row.target());
        try {
            target.target().undeploy(target.namespace(), row.name());
        } catch (RuntimeException e) {
            throw ParapetException.unavailable("the target could not remove it: " + e.getMessage());
        }
        ledger.removed(row, actor);
        return view(row(id), null);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Deployment get(long id) {
        return view(row(id), null);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Deployment> list(PageRequest page) {
        return Page.of(deployments.findAll(page.pageable(Sort.of(Sort.Order.desc("id")))))
                .map(r -> view(r, null));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DeploymentEvent> events(long id) {
        row(id);
        return events.findByDeploymentIdOrderById(id).stream()
                .map(e -> new DeploymentEvent(e.state(), e.detail(), e.actor(), e.at()))
                .toList();
    }

    /** The last {@code lines} lines (1 to 1,000) of the deployment's output, as the target has them. */
    public List<String> logs(long id, int lines) {
        if (lines < 1 || lines > MAX_LOG_LINES) {
            throw ParapetException.invalidField("lines", "must be 1 to " + MAX_LOG_LINES);
        }
        DeploymentEntity row = row(id);
        DeployTargets.Resolved target = targets.open(row.target());
        return target.target().logs(target.namespace(), row.name(), lines);
    }

    private ReleaseDeployment plan(DeploymentSpec spec, DeployTargets.Resolved target, Release release) {
        String bundle;
        try {
            bundle = json.writeValueAsString(releases.bundle(String.valueOf(release.id())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean local = target.kind().equals(DeployTargets.LOCAL);
        String image = local ? localJar : spec.image();
        if (image == null) {
            throw local
                    ? ParapetException.unavailable("this server does not run from a jar; set parapet.deploy.local-jar")
                    : ParapetException.invalidField("image", "is required on a cluster: the release image");
        }
        return new ReleaseDeployment(
                        spec.name(),
                        target.namespace(),
                        image,
                        release.id(),
                        release.digest(),
                        bundle,
                        spec.replicas() == null ? 1 : spec.replicas(),
                        spec.cpu() == null ? "500m" : spec.cpu(),
                        spec.memory() == null ? "1Gi" : spec.memory(),
                        local ? keysRoot.resolve(spec.name()).toAbsolutePath().toString() : spec.chatKeysSecret(),
                        spec.maxReplicas() == null ? 0 : spec.maxReplicas(),
                        Boolean.TRUE.equals(spec.disruptionBudget()),
                        Boolean.TRUE.equals(spec.networkPolicy()),
                        spec.canaryImage(),
                        spec.canaryPercent() == null ? 0 : spec.canaryPercent(),
                        null,
                        null,
                        spec.gateway())
                .checked();
    }

    /** A chat key for a new local deployment, its hash in the deployment's keys folder; null when one exists. */
    private String localChatKey(String name) {
        Path folder = keysRoot.resolve(name);
        Path file = folder.resolve(name);
        String key = io.parapet.core.SecureTokens.apiKey();
        try {
            Files.createDirectories(folder);
            Files.writeString(file, ContentHash.sha256(key), java.nio.file.StandardOpenOption.CREATE_NEW);
        } catch (java.nio.file.FileAlreadyExistsException kept) {
            return null; // a deployment applied again keeps its key
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chat key's hash under " + folder, e);
        }
        return key;
    }

    private DeploymentEntity row(long id) {
        return deployments
                .findById(id)
                .orElseThrow(() -> ParapetException.notFound("deployment " + id + " does not exist"));
    }

    private DeploymentSpec read(DeploymentEntity row) {
        try {
            return json.readValue(row.spec(), DeploymentSpec.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(DeploymentSpec spec) {
        try {
            return json.writeValueAsString(spec);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Deployment view(DeploymentEntity r, @Nullable String chatKey) {
        return new Deployment(
                r.id(),
                r.name(),
                r.target(),
                r.releaseId(),
                r.readyReleaseId(),
                DeploymentLedger.serves(read(r), r.releaseId()),
                r.state(),
                r.reason(),
                r.endpoint(),
                r.revision(),
                read(r),
                r.updatedBy(),
                r.updatedAt(),
                chatKey);
    }
}
