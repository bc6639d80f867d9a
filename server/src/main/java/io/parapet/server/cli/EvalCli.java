package io.parapet.server.cli;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.parapet.core.Actor;
import io.parapet.core.Role;
import io.parapet.eval.ci.EvalCommand;
import io.parapet.server.Parapet;
import io.parapet.server.security.ApiKeyService;
import java.io.PrintStream;
import java.util.EnumSet;
import java.util.Map;

/**
 * {@code java -jar parapet.jar eval run …} (see {@link EvalCommand}). Without {@code --server} the platform starts
 * in this process on the database the server would use (local mode's files, or {@code PARAPET_DB_URL}) on a free
 * port, with a key made for this run and revoked after it.
 */
public final class EvalCli {
    private EvalCli() {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, Map.of(), Parapet.mode());
    }

    /** As {@link #run(String[], PrintStream, PrintStream)} with extra properties for the in-process platform. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, Object> properties, String env) {
        return EvalCommand.run(args, out, err, () -> start(properties, env));
    }

    private static EvalCommand.Platform.Started start(Map<String, Object> properties, String env) {
        Map<String, Object> props = new java.util.HashMap<>(properties);
        props.put("micronaut.server.port", -1);
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props, env);
        ApiKeyService keys = server.getApplicationContext().getBean(ApiKeyService.class);
        String key = ApiKeyService.newKey();
        var issued = keys.issue("eval-cli", EnumSet.of(Role.EDITOR), key, Actor.SYSTEM);
        return new EvalCommand.Platform.Started() {
            @Override
            public String url() {
                return server.getURL().toString();
            }

            @Override
            public String key() {
                return key;
            }

            @Override
            public void close() {
                keys.revoke(issued.id(), Actor.SYSTEM);
                server.getApplicationContext().close();
            }
        };
    }
}
