package io.parapet.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar's {@code eval} command keeps stdout for its own output even when it starts the platform in its
 * process: the platform's logs and its start-up banner go to stderr, so {@code parapet eval … > report} holds only
 * the report.
 */
class CliOutputIT {

    @Test
    void an_in_process_eval_command_writes_nothing_but_its_own_output_to_stdout() throws Exception {
        Path jar = Path.of("target/parapet.jar").toAbsolutePath();
        assertThat(jar).as("packaged before the integration tests").exists();
        Path home = Files.createTempDirectory("parapet-cli");
        Path out = home.resolve("out.txt");
        Path err = home.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        jar.toString(),
                        "eval",
                        "run",
                        "--prompt",
                        "nope/p@production",
                        "--dataset",
                        "nope/d",
                        "--evaluator",
                        "length")
                .directory(home.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().remove("PARAPET_DB_URL"); // local mode, in the temporary folder
        // Its in-JVM broker on free ports: another test's broker may hold the default ones.
        builder.environment().put("PARAPET_KAFKA_LOCAL_PORT", "0");
        Process process = builder.start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue())
                .as("the prompt does not exist: could not run; stderr:\n" + Files.readString(err))
                .isEqualTo(2);
        assertThat(Files.readString(out)).isEmpty();
        assertThat(Files.readString(err))
                .contains("INFO")
                .contains("Parapet is running at")
                .contains("prompt 'nope/p' does not exist");
    }
}
