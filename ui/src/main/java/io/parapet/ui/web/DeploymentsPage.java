package io.parapet.ui.web;

import io.micronaut.core.annotation.Nullable;
import io.parapet.core.Page;
import io.parapet.deployer.deployment.Deployment;
import io.parapet.deployer.deployment.DeploymentEvent;
import io.parapet.deployer.rollout.Rollout;
import java.util.List;

/**
 * The deployments pages: the list (deployments, newest first, and the rollouts with their progress across steps), or
 * one deployment with its history.
 */
public record DeploymentsPage(
        @Nullable Page<Deployment> deployments,
        @Nullable Page<Rollout> rollouts,
        @Nullable Deployment deployment,
        @Nullable List<DeploymentEvent> events) {}
