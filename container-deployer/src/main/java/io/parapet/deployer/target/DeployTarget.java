package io.parapet.deployer.target;

import io.parapet.deployer.manifests.Workload;
import java.time.Duration;
import java.util.List;

/**
 * Where a deployment (a release's gateway or a model server) runs. Each target brings a deployment up (returning once it serves, or failing with
 * the reason), reports it, shows its logs and takes it down completely. {@code kubernetes} applies objects to a
 * cluster, {@code local} runs processes on this machine, {@code manifests} writes files for GitOps.
 */
public interface DeployTarget {
    String kind();

    /**
     * Applies {@code deployment} (creating or replacing what it had) and waits up to {@code timeout} for it to serve.
     *
     * @throws DeployFailure with the reason when it does not become ready; what was applied stays for inspection
     *     until {@link #undeploy}
     */
    TargetStatus deploy(Workload deployment, Duration timeout);

    TargetStatus status(String namespace, String name);

    /** The last {@code lines} lines of the deployment's output, oldest first; empty when there is none. */
    List<String> logs(String namespace, String name, int lines);

    /** Removes everything the deployment created; removing an absent deployment does nothing. */
    void undeploy(String namespace, String name);
}
