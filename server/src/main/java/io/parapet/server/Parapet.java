package io.parapet.server;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * The one runnable. With {@code PARAPET_DB_URL} set it runs in production mode on PostgreSQL; otherwise in local
 * mode, with an embedded H2 database under {@code ./.parapet/} and nothing to set up. {@code --role=streaming} runs
 * only the monitors, {@code --role=worker} only evaluation runs and schedules (see {@link ServerRole}).
 */
@OpenAPIDefinition(
        info = @Info(title = "Parapet", version = "0.1", description = "Prompts and guardrails: registry API"),
        security = @SecurityRequirement(name = "apiKey"))
@SecurityScheme(name = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer")
public final class Parapet {
    private Parapet() {}

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("guardrails") || args[0].equals("eval") || args[0].equals("deploy"))) {
            // A command's stdout carries its output (reports, verdicts); an in-process platform's logs go to stderr.
            System.setProperty("PARAPET_LOG_TARGET", "System.err");
        }
        if (args.length > 0 && args[0].equals("guardrails")) {
            System.exit(io.parapet.server.cli.GuardrailsCli.run(args, System.err));
        }
        if (args.length > 0 && args[0].equals("deploy")) {
            System.exit(io.parapet.server.cli.DeployCli.run(args, System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("eval")) {
            System.exit(io.parapet.server.cli.EvalCli.run(args, System.out, System.err));
        }
        var role = ServerRole.requested(args);
        if (role.isPresent()) {
            role.get().run(args);
            return;
        }
        Micronaut.build(args)
                .mainClass(Parapet.class)
                .banner(false)
                .environments(mode())
                .start();
    }

    /** Where the platform talks to the person who started it: stderr under a CLI command, whose stdout is its own. */
    public static java.io.PrintStream console() {
        return "System.err".equals(System.getProperty("PARAPET_LOG_TARGET")) ? System.err : System.out;
    }

    /**
     * {@code edge} when a release bundle is given ({@code PARAPET_RELEASE_FILE}, as a release image sets it),
     * {@code postgres} when a database URL is configured, else {@code local}.
     */
    public static String mode() {
        if (isSet("PARAPET_RELEASE_FILE")) {
            if (isSet("PARAPET_DB_URL")) {
                System.err.println("PARAPET_RELEASE_FILE runs an edge gateway, which has no database: unset"
                        + " PARAPET_DB_URL, or run the platform image (no release baked in) against it");
                System.exit(2);
            }
            return "edge";
        }
        return isSet("PARAPET_DB_URL") ? "postgres" : "local";
    }

    private static boolean isSet(String variable) {
        String value = System.getenv(variable);
        return value != null && !value.isBlank();
    }
}
