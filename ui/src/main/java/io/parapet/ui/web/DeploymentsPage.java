package io.parapet.ui.web;

import io.micronaut.core.annotation.Nullable;
import io.parapet.core.Page;
import io.parapet.deployer.deployment.Deployment;
import io.parapet.deployer.deployment.DeploymentEvent;
import java.util.List;

/**
 * The deployments pages: the list (deployments, newest first, and the rollouts with their progress across steps, the canary's
 * live figures beside the stable's, alerts, and promote and abort for publishers), or
 * one deployment with its history.
 */
public record DeploymentsPage(
        @Nullable Page<Deployment> deployments,
        @Nullable List<RolloutRow> rollouts,
        @Nullable Deployment deployment,
        @Nullable List<DeploymentEvent> events,
        @Nullable String notice) {}
