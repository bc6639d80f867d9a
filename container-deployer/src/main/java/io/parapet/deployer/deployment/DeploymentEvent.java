package io.parapet.deployer.deployment;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** One step of a deployment's history. */
@Serdeable
public record DeploymentEvent(String state, String detail, String actor, Instant at) {}
