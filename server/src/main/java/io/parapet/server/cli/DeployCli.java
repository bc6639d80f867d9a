package io.parapet.server.cli;

import io.parapet.core.ParapetException;
import io.parapet.deployer.manifests.ManifestFiles;
import io.parapet.deployer.manifests.PlatformManifests;
import io.parapet.deployer.manifests.PlatformSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code parapet deploy image ...} builds images (see {@link ImageCli}). {@code parapet deploy render --platform --out DIR [--namespace N] [--image I] [--gateway-replicas N]
 * [--streaming-replicas N] [--worker-replicas N] [--secret NAME] [--kafka HOST:PORT]}: writes the kustomize base that
 * runs Parapet itself on a cluster. No server or database is needed.
 */
public final class DeployCli {
    static final String USAGE = "usage: deploy render --platform --out DIR [--namespace N] [--image I]"
            + " [--gateway-replicas N] [--streaming-replicas N] [--worker-replicas N] [--secret NAME] [--kafka HOST:PORT]";

    private DeployCli() {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length >= 2 && args[1].equals("image")) {
            return image(args, out, err);
        }
        if (args.length >= 2 && DeployApiCli.handles(args[1])) {
            return DeployApiCli.run(args, out, err);
        }
        if (args.length < 2 || !args[1].equals("render")) {
            err.println(USAGE + "\n" + ImageCli.USAGE + "\n" + DeployApiCli.USAGE);
            return 2;
        }
        Map<String, String> options = new HashMap<>();
        boolean platform = false;
        for (int i = 2; i < args.length; i++) {
            if (args[i].equals("--platform")) {
                platform = true;
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            } else {
                err.println("unknown argument '" + args[i] + "'\n" + USAGE);
                return 2;
            }
        }
        List<String> known = List.of(
                "out",
                "namespace",
                "image",
                "gateway-replicas",
                "streaming-replicas",
                "worker-replicas",
                "secret",
                "kafka");
        for (String key : options.keySet()) {
            if (!known.contains(key)) {
                err.println("unknown option --" + key + "\n" + USAGE);
                return 2;
            }
        }
        if (!platform || !options.containsKey("out")) {
            err.println(USAGE + "\n(only --platform, the base that runs Parapet itself, is rendered so far)");
            return 2;
        }
        try {
            PlatformSettings d = PlatformSettings.defaults();
            PlatformSettings s = new PlatformSettings(
                    options.getOrDefault("namespace", d.namespace()),
                    options.getOrDefault("image", d.image()),
                    number(options, "gateway-replicas", d.gatewayReplicas()),
                    number(options, "streaming-replicas", d.streamingReplicas()),
                    number(options, "worker-replicas", d.workerReplicas()),
                    options.getOrDefault("secret", d.secretName()),
                    options.getOrDefault("kafka", d.kafkaBootstrapServers()));
            Map<String, String> files = ManifestFiles.render(PlatformManifests.objects(s), s.namespace());
            ManifestFiles.write(files, Path.of(options.get("out")));
            out.println("wrote " + files.size() + " files to " + options.get("out"));
            return 0;
        } catch (ParapetException e) {
            err.println(explain(e));
            return 2;
        } catch (IOException e) {
            err.println("cannot write: " + e.getMessage());
            return 2;
        }
    }

    private static int image(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        for (int i = 2; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                err.println("unknown argument '" + args[i] + "'\n" + ImageCli.USAGE);
                return 2;
            }
            options.put(args[i].substring(2), args[++i]);
        }
        try {
            return ImageCli.run(options, out, err);
        } catch (ParapetException e) {
            err.println(explain(e));
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("the image was not built: " + e.getMessage());
            return 1;
        }
    }

    /** A refusal as one line: the message and its first field error. */
    private static String explain(ParapetException e) {
        return e.getMessage()
                + (e.errors().isEmpty()
                        ? ""
                        : " (" + e.errors().get(0).field() + ": "
                                + e.errors().get(0).message() + ")");
    }

    private static int number(Map<String, String> options, String key, int fallback) {
        String value = options.get(key);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ParapetException.invalidField(key, "must be a number");
        }
    }
}
