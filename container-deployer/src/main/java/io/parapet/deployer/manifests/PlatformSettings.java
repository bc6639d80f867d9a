package io.parapet.deployer.manifests;

import io.parapet.core.ParapetException;
import java.util.regex.Pattern;

/**
 * How Parapet itself runs on a cluster: its namespace and image, the replicas of each role, the Secret holding the
 * database credentials and master key (made by the user, never rendered), and the Kafka bootstrap servers.
 */
public record PlatformSettings(
        String namespace,
        String image,
        int gatewayReplicas,
        int streamingReplicas,
        int workerReplicas,
        String secretName,
        String kafkaBootstrapServers) {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern IMAGE = Pattern.compile("[a-z0-9][a-z0-9._/:@-]{0,254}");

    /** What {@code deploy/} holds: a starting point to change with kustomize patches. */
    public static PlatformSettings defaults() {
        return new PlatformSettings(
                "parapet", "ghcr.io/parapet/parapet:0.1.0", 2, 1, 1, "parapet-secrets", "kafka-bootstrap.kafka:9092");
    }

    public PlatformSettings {
        check(namespace, DNS_LABEL, "namespace", "a DNS label");
        check(image, IMAGE, "image", "an image reference such as registry.example.com/parapet:0.1.0");
        check(secretName, DNS_LABEL, "secretName", "a DNS label");
        if (kafkaBootstrapServers == null || kafkaBootstrapServers.isBlank() || kafkaBootstrapServers.length() > 1000) {
            throw ParapetException.invalidField("kafkaBootstrapServers", "is required: host:port[,host:port…]");
        }
        replicas(gatewayReplicas, 1, "gatewayReplicas");
        replicas(streamingReplicas, 0, "streamingReplicas");
        replicas(workerReplicas, 0, "workerReplicas");
    }

    private static void check(String value, Pattern pattern, String field, String what) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw ParapetException.invalidField(field, "must be " + what);
        }
    }

    private static void replicas(int n, int min, String field) {
        if (n < min || n > 100) {
            throw ParapetException.invalidField(field, "must be " + min + "..100, not " + n);
        }
    }
}
