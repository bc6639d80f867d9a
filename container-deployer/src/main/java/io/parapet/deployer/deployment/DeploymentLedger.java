package io.parapet.deployer.deployment;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import io.parapet.core.Actor;
import io.parapet.core.ParapetException;
import io.parapet.core.Text;
import io.parapet.core.audit.AuditLog;
import io.parapet.deployer.deployment.internal.DeploymentEntity;
import io.parapet.deployer.deployment.internal.DeploymentEventEntity;
import io.parapet.deployer.deployment.internal.DeploymentEventRepository;
import io.parapet.deployer.deployment.internal.DeploymentRepository;
import io.parapet.deployer.release.Release;
import io.parapet.deployer.rollout.Rollouts;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * What is written about deployments, each change in one transaction: the row (a compare-and-set on its revision),
 * its history event and the audit entry.
 */
@Singleton
class DeploymentLedger {
    private final DeploymentRepository deployments;
    private final DeploymentEventRepository events;
    private final AuditLog audit;
    private final Clock clock;

    DeploymentLedger(DeploymentRepository deployments, DeploymentEventRepository events, AuditLog audit, Clock clock) {
        this.deployments = deployments;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /** The deployment as {@code deploying} {@code release}; a 409 while another deploy of it runs. */
    @Transactional
    public DeploymentEntity record(DeploymentSpec spec, String specJson, @Nullable Release release, Actor actor) {
        Long releaseId = release == null ? null : release.id();
        Instant now = clock.instant();
        DeploymentEntity existing = deployments
                .findByTargetAndName(spec.targetOrLocal(), spec.name())
                .orElse(null);
        DeploymentEntity row;
        if (existing == null) {
            if (deployments.insertIfAbsent(spec.name(), spec.targetOrLocal(), releaseId, specJson, actor.name(), now)
                    == 0) {
                throw ParapetException.conflict("deployment '" + spec.name() + "' was just created by someone else");
            }
            row = deployments
                    .findByTargetAndName(spec.targetOrLocal(), spec.name())
                    .orElseThrow();
        } else {
            if (existing.state().equals("deploying")
                    && existing.updatedAt().isAfter(now.minusSeconds(DeploymentSpec.MAX_TIMEOUT_SECONDS + 60))) {
                throw ParapetException.conflict("deployment '" + spec.name() + "' is being deployed; wait for it");
            }
            if (deployments.transition(
                            existing.id(),
                            existing.revision(),
                            releaseId,
                            existing.readyReleaseId(),
                            specJson,
                            "deploying",
                            null,
                            existing.endpoint(),
                            actor.name(),
                            now)
                    == 0) {
                throw ParapetException.conflict("deployment '" + spec.name() + "' changed meanwhile; read it again");
            }
            row = deployments.findById(existing.id()).orElseThrow();
        }
        String what = release == null ? serves(spec, null) : "release " + release.id() + " (" + release.digest() + ")";
        event(row.id(), "deploying", what, actor);
        audit.record(
                actor, "deployment.apply", "deployment", spec.targetOrLocal() + "/" + spec.name(), null, null, what);
        return row;
    }

    /**
     * Records how the deploy that {@code row} started ended, unless the deployment changed meanwhile (undeployed or
     * applied again: that change owns the state now).
     */
    @Transactional
    public void finish(
            DeploymentEntity row,
            @Nullable Long readyRelease,
            String state,
            @Nullable String reason,
            @Nullable String endpoint) {
        DeploymentEntity now = deployments.findById(row.id()).orElse(null);
        if (now == null || now.revision() != row.revision()) {
            return;
        }
        String clipped = reason == null ? null : Text.clip(reason, 2000);
        Long served = state.equals("ready") || state.equals("rendered") ? row.releaseId() : readyRelease;
        deployments.transition(
                now.id(),
                now.revision(),
                now.releaseId(),
                served,
                now.spec(),
                state,
                clipped,
                endpoint,
                Rollouts.DEPLOYER.name(),
                clock.instant());
        event(
                row.id(),
                state,
                clipped == null ? (endpoint == null ? state : "serving at " + endpoint) : clipped,
                Rollouts.DEPLOYER);
        audit.record(
                Rollouts.DEPLOYER,
                "deployment." + state,
                "deployment",
                row.target() + "/" + row.name(),
                null,
                null,
                clipped == null ? (endpoint == null ? state : "serving at " + endpoint) : clipped);
    }

    @Transactional
    public void removed(DeploymentEntity row, Actor actor) {
        if (deployments.transition(
                        row.id(),
                        row.revision(),
                        row.releaseId(),
                        null,
                        row.spec(),
                        "removed",
                        null,
                        null,
                        actor.name(),
                        clock.instant())
                == 0) {
            throw ParapetException.conflict("deployment " + row.id() + " changed meanwhile; read it again");
        }
        event(row.id(), "removed", "undeployed", actor);
        audit.record(actor, "deployment.undeploy", "deployment", row.target() + "/" + row.name(), null, null, null);
    }

    /** Local processes do not outlive the server: at start, what the last run left ready or deploying is stopped. */
    @EventListener
    @Transactional
    void onStartup(StartupEvent event) {
        for (String state : List.of("ready", "deploying")) {
            for (DeploymentEntity row : deployments.findByTargetAndState(DeployTargets.LOCAL, state)) {
                deployments.transition(
                        row.id(),
                        row.revision(),
                        row.releaseId(),
                        row.readyReleaseId(),
                        row.spec(),
                        "stopped",
                        "the server stopped; retry to start it again",
                        null,
                        Rollouts.DEPLOYER.name(),
                        clock.instant());
                event(row.id(), "stopped", "the server stopped", Rollouts.DEPLOYER);
            }
        }
    }

    /** What a deployment serves, in words: {@code release 7}, or {@code vllm meta-llama/Llama-3.1-8B-Instruct}. */
    static String serves(DeploymentSpec spec, @Nullable Long releaseId) {
        return spec.isModelServer()
                ? spec.modelServer().kind() + " " + spec.modelServer().model()
                : "release " + releaseId;
    }

    private void event(long id, String state, String detail, Actor actor) {
        events.save(new DeploymentEventEntity(null, id, state, Text.clip(detail, 2000), actor.name(), clock.instant()));
    }
}
