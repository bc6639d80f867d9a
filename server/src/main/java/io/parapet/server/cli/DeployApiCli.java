package io.parapet.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parapet.core.Json;
import io.parapet.core.client.ApiClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The deploy commands CI runs against a server ({@code --server URL} or {@code PARAPET_URL}, {@code --key K} or
 * {@code PARAPET_KEY}):
 *
 * <ul>
 *   <li>{@code deploy apply --release N --name NAME [--target T] [--image REF] [--chat-keys-secret S]
 *       [--replicas N] [--timeout SECONDS]}: deploys and waits; exit 0 when ready (or rendered), 1 when it failed
 *       or was rolled back. A local deployment's chat key is printed once.
 *   <li>{@code deploy status --deployment ID}: state, reason, endpoint and history.
 *   <li>{@code deploy promote --rollout ID} and {@code deploy abort --rollout ID [--reason R]}: act on the state
 *       just read (If-Match), so a change by someone else in between is a 412, not a surprise.
 * </ul>
 */
final class DeployApiCli {
    static final String USAGE = "usage: deploy apply --release N --name NAME [--target T] [--image REF]"
            + " [--chat-keys-secret S] [--replicas N] [--timeout SECONDS] | deploy status --deployment ID"
            + " | deploy promote --rollout ID | deploy abort --rollout ID [--reason R]"
            + "  (with --server URL or PARAPET_URL, --key K or PARAPET_KEY)";
    private static final Set<String> DONE = Set.of("ready", "rendered", "failed", "rolled-back", "stopped", "removed");
    private static final Map<String, List<String>> OPTIONS = Map.of(
            "apply", List.of("release", "name", "target", "image", "chat-keys-secret", "replicas", "timeout"),
            "status", List.of("deployment"),
            "promote", List.of("rollout"),
            "abort", List.of("rollout", "reason"));

    private DeployApiCli() {}

    static boolean handles(String command) {
        return OPTIONS.containsKey(command);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String command = args[1];
        Map<String, String> options = new HashMap<>();
        for (int i = 2; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                err.println("unknown argument '" + args[i] + "'\n" + USAGE);
                return 2;
            }
            String name = args[i].substring(2);
            if (!OPTIONS.get(command).contains(name) && !name.equals("server") && !name.equals("key")) {
                err.println("unknown option --" + name + " for deploy " + command + "\n" + USAGE);
                return 2;
            }
            options.put(name, args[++i]);
        }
        String server = options.getOrDefault("server", System.getenv("PARAPET_URL"));
        String key = options.getOrDefault("key", System.getenv("PARAPET_KEY"));
        if (server == null || key == null) {
            err.println("deploy " + command + " talks to a server: give --server URL and --key K (or PARAPET_URL and"
                    + " PARAPET_KEY)\n" + USAGE);
            return 2;
        }
        ApiClient api = new ApiClient(server, key);
        try {
            return switch (command) {
                case "apply" -> apply(api, options, out, err);
                case "status" -> status(api, required(options, "deployment"), out);
                case "promote" -> rollout(api, required(options, "rollout"), "promote", "{}", out);
                default ->
                    rollout(
                            api,
                            required(options, "rollout"),
                            "abort",
                            Json.write(
                                    Map.of("reason", options.getOrDefault("reason", "aborted from the command line"))),
                            out);
            };
        } catch (IllegalArgumentException | ApiClient.Failed e) {
            err.println(e.getMessage());
            return e instanceof IllegalArgumentException ? 2 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static int apply(ApiClient api, Map<String, String> o, PrintStream out, PrintStream err)
            throws ApiClient.Failed, InterruptedException {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("release", required(o, "release"));
        body.put("name", required(o, "name"));
        if (o.containsKey("target")) {
            body.put("target", o.get("target"));
        }
        if (o.containsKey("image")) {
            body.put("image", o.get("image"));
        }
        if (o.containsKey("chat-keys-secret")) {
            body.put("chatKeysSecret", o.get("chat-keys-secret"));
        }
        if (o.containsKey("replicas")) {
            body.put("replicas", number(o, "replicas"));
        }
        int timeout = o.containsKey("timeout") ? number(o, "timeout") : 300;
        body.put("timeoutSeconds", timeout);
        JsonNode started = api.post("/api/v1/deployments", body.toString(), "application/json");
        long id = started.get("id").asLong();
        if (started.hasNonNull("chatKey")) {
            out.println("chat key (shown once): " + started.get("chatKey").asText());
        }
        err.println("deployment " + id + ": deploying release "
                + started.get("release").asText());
        long deadline = System.nanoTime() + Duration.ofSeconds(timeout + 120L).toNanos();
        JsonNode now = started;
        while (!DONE.contains(now.get("state").asText()) && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            now = api.get("/api/v1/deployments/" + id);
        }
        print(now, out);
        String state = now.get("state").asText();
        return state.equals("ready") || state.equals("rendered") ? 0 : 1;
    }

    private static int status(ApiClient api, String id, PrintStream out) throws ApiClient.Failed {
        print(api.get("/api/v1/deployments/" + id), out);
        for (JsonNode e : api.get("/api/v1/deployments/" + id + "/events")) {
            out.println("  " + e.get("at").asText() + "  " + e.get("state").asText() + "  "
                    + e.get("detail").asText() + "  (" + e.get("actor").asText() + ")");
        }
        return 0;
    }

    private static int rollout(ApiClient api, String id, String action, String body, PrintStream out)
            throws ApiClient.Failed {
        JsonNode read = api.get("/api/v1/rollouts/" + id);
        JsonNode after = api.postIfMatch(
                "/api/v1/rollouts/" + id + "/" + action,
                body,
                read.get("revision").asInt());
        out.println("rollout " + id + " " + after.get("prompt").asText() + "@"
                + after.get("label").asText() + ": " + after.get("state").asText() + ", step "
                + after.get("step").asText());
        return 0;
    }

    private static void print(JsonNode d, PrintStream out) {
        out.println("deployment " + d.get("id").asText() + " " + d.get("target").asText() + "/"
                + d.get("name").asText()
                + ": " + d.get("state").asText() + " (" + d.get("serves").asText() + ")"
                + (d.hasNonNull("endpoint") ? " at " + d.get("endpoint").asText() : "")
                + (d.hasNonNull("reason") ? " — " + d.get("reason").asText() : ""));
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required\n" + USAGE);
        }
        return value;
    }

    private static int number(Map<String, String> options, String name) {
        try {
            return Integer.parseInt(options.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number");
        }
    }
}
