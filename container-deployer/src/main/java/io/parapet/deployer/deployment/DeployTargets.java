package io.parapet.deployer.deployment;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.parapet.core.Actor;
import io.parapet.core.CredentialCipher;
import io.parapet.core.FieldError;
import io.parapet.core.OutboundUrlPolicy;
import io.parapet.core.ParapetException;
import io.parapet.core.Role;
import io.parapet.core.audit.AuditLog;
import io.parapet.deployer.deployment.internal.TargetEntity;
import io.parapet.deployer.deployment.internal.TargetRepository;
import io.parapet.deployer.target.DeployTarget;
import io.parapet.deployer.target.Isolation;
import io.parapet.deployer.target.KubernetesTarget;
import io.parapet.deployer.target.LocalTarget;
import io.parapet.deployer.target.ManifestsTarget;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The deploy targets: {@code local} (built in: processes on this machine) and those an admin configures, a cluster
 * (its kubeconfig encrypted like a provider credential, its API server checked by the outbound URL policy) or a
 * GitOps folder. Opened targets are kept until their configuration changes; at server stop the local target stops
 * every process it started.
 */
@Singleton
public class DeployTargets {
    public static final String LOCAL = "local";
    static final int MAX_KUBECONFIG = 64 * 1024;

    private final TargetRepository targets;
    private final CredentialCipher cipher;
    private final OutboundUrlPolicy outbound;
    private final AuditLog audit;
    private final Clock clock;
    private final LocalTarget local;
    private final Map<String, Opened> opened = new ConcurrentHashMap<>();

    private record Opened(
            Instant version, DeployTarget target, @Nullable KubernetesClient client) {}

    DeployTargets(
            TargetRepository targets,
            CredentialCipher cipher,
            OutboundUrlPolicy outbound,
            AuditLog audit,
            Clock clock,
            @Value("${parapet.home:}") @Nullable String home) {
        this.targets = targets;
        this.cipher = cipher;
        this.outbound = outbound;
        this.audit = audit;
        this.clock = clock;
        Path root = home == null || home.isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir"), "parapet-deployments")
                : Path.of(home, "deployments");
        this.local = new LocalTarget(root, Isolation.best().orElse(Isolation.PROOT));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<TargetView> list() {
        List<TargetView> all = new ArrayList<>();
        all.add(new TargetView(LOCAL, LOCAL, LOCAL, null, false, "system", null));
        targets.sortedByName().forEach(t -> all.add(view(t)));
        return all;
    }

    /** Creates or replaces target {@code name} (admin); every error of the spec at once. */
    @Transactional
    public TargetView put(String name, TargetSpec spec, Actor actor) {
        actor.require(Role.ADMIN, "configure deploy targets");
        List<FieldError> errors = new ArrayList<>();
        if (name == null || !name.matches("[a-z]([-a-z0-9]{0,38}[a-z0-9])?") || name.equals(LOCAL)) {
            errors.add(new FieldError("name", "must be a DNS label of 1 to 40 characters, and not 'local'"));
        }
        String kind = spec == null ? null : spec.kind();
        if (!"kubernetes".equals(kind) && !"manifests".equals(kind)) {
            errors.add(new FieldError("kind", "must be kubernetes or manifests (local is built in)"));
        }
        String namespace = spec == null || spec.namespace() == null ? "default" : spec.namespace();
        if (!namespace.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            errors.add(new FieldError("namespace", "must be a Kubernetes namespace name"));
        }
        String ciphertext = null;
        String folder = null;
        if ("kubernetes".equals(kind)) {
            ciphertext = checkedKubeconfig(spec.kubeconfig(), errors);
        } else if ("manifests".equals(kind)) {
            folder = spec.folder();
            if (folder == null || folder.length() > 500 || !Path.of(folder).isAbsolute() || folder.contains("..")) {
                errors.add(new FieldError("folder", "must be an absolute path on the server (at most 500 characters)"));
            }
        }
        if (!errors.isEmpty()) {
            throw ParapetException.invalid(
                    errors.size() + " error(s) in the deploy target", errors.toArray(FieldError[]::new));
        }
        Instant now = clock.instant();
        TargetEntity existing = targets.findByName(name).orElse(null);
        TargetEntity saved = existing == null
                ? targets.save(new TargetEntity(
                        null, name, kind, namespace, ciphertext, folder, actor.name(), now, actor.name(), now))
                : targets.update(new TargetEntity(
                        existing.id(),
                        name,
                        kind,
                        namespace,
                        ciphertext,
                        folder,
                        existing.createdBy(),
                        existing.createdAt(),
                        actor.name(),
                        now));
        close(opened.remove(name));
        audit.record(
                actor,
                existing == null ? "deploy-target.create" : "deploy-target.update",
                "deploy-target",
                name,
                null,
                null,
                kind + " " + namespace + (ciphertext == null ? "" : " (with kubeconfig)"));
        return view(saved);
    }

    @Transactional
    public void delete(String name, Actor actor) {
        actor.require(Role.ADMIN, "configure deploy targets");
        TargetEntity t = targets.findByName(name)
                .orElseThrow(() -> ParapetException.notFound("deploy target '" + name + "' does not exist"));
        targets.delete(t);
        close(opened.remove(name));
        audit.record(actor, "deploy-target.delete", "deploy-target", name, null, null, t.kind());
    }

    /** The target and its namespace; a 404 when no target has that name. */
    Resolved open(String name) {
        if (LOCAL.equals(name)) {
            return new Resolved(LOCAL, LOCAL, local);
        }
        TargetEntity t = targets.findByName(name)
                .orElseThrow(() -> ParapetException.notFound("deploy target '" + name + "' does not exist"));
        Opened o = opened.compute(name, (n, current) -> {
            if (current != null && current.version().equals(t.updatedAt())) {
                return current;
            }
            close(current);
            if (t.kind().equals("manifests")) {
                return new Opened(t.updatedAt(), new ManifestsTarget(Path.of(t.folder())), null);
            }
            Config config = Config.fromKubeconfig(cipher.decrypt(t.configCiphertext()));
            // A cluster that does not answer fails the deployment in seconds, not after minutes of backoff.
            config.setRequestRetryBackoffLimit(2);
            config.setConnectionTimeout(5_000);
            config.setRequestTimeout(30_000);
            KubernetesClient client =
                    new KubernetesClientBuilder().withConfig(config).build();
            return new Opened(t.updatedAt(), new KubernetesTarget(client), client);
        });
        return new Resolved(t.kind(), t.namespace(), o.target());
    }

    record Resolved(String kind, String namespace, DeployTarget target) {}

    private String checkedKubeconfig(@Nullable String kubeconfig, List<FieldError> errors) {
        if (kubeconfig == null || kubeconfig.isBlank() || kubeconfig.length() > MAX_KUBECONFIG) {
            errors.add(new FieldError("kubeconfig", "is required: a kubeconfig of at most 64 KiB"));
            return null;
        }
        try {
            Config config = Config.fromKubeconfig(kubeconfig);
            outbound.check(config.getMasterUrl(), "kubeconfig");
        } catch (ParapetException refused) {
            errors.addAll(
                    refused.errors().isEmpty()
                            ? List.of(new FieldError("kubeconfig", refused.getMessage()))
                            : refused.errors());
            return null;
        } catch (RuntimeException unreadable) {
            errors.add(new FieldError("kubeconfig", "is not a readable kubeconfig with a current context"));
            return null;
        }
        return cipher.encrypt(kubeconfig);
    }

    private static TargetView view(TargetEntity t) {
        return new TargetView(
                t.name(),
                t.kind(),
                t.namespace(),
                t.folder(),
                t.configCiphertext() != null,
                t.updatedBy(),
                t.updatedAt());
    }

    private static void close(@Nullable Opened o) {
        if (o != null && o.client() != null) {
            o.client().close();
        }
    }

    /** The server is stopping: local processes stop with it, clusters' clients close. */
    @PreDestroy
    void stop() {
        local.close();
        opened.values().forEach(DeployTargets::close);
    }
}
