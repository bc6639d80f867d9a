package io.parapet.deployer.target;

/** A deployment that did not become ready, with the reason the target found (pod events, a process's exit). */
public class DeployFailure extends RuntimeException {
    private final TargetStatus status;

    public DeployFailure(TargetStatus status) {
        super(status.reason());
        this.status = status;
    }

    public TargetStatus status() {
        return status;
    }
}
