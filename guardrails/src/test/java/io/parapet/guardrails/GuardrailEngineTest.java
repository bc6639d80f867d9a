package io.parapet.guardrails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parapet.core.ParapetException;
import io.parapet.guardrails.spi.Scanner;
import io.parapet.guardrails.spi.ScannerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GuardrailEngineTest {
    /** A third-party style scanner that misbehaves on demand: "hang" sleeps, "throw" throws. */
    static final class Unruly implements ScannerFactory {
        @Override
        public String name() {
            return "unruly";
        }

        @Override
        public List<String> configKeys() {
            return List.of("mode");
        }

        @Override
        public Scanner create(Map<String, Object> config) {
            String mode = (String) config.get("mode");
            return (text, context) -> {
                if ("hang".equals(mode)) {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                throw new IllegalStateException("scanner bug");
            };
        }
    }

    private final ScannerCatalog catalog = catalogWith(new Unruly());
    private final GuardrailEngine engine = new GuardrailEngine();

    @AfterAll
    void close() {
        engine.close();
    }

    static ScannerCatalog catalogWith(ScannerFactory extra) {
        List<ScannerFactory> all = new ArrayList<>();
        ServiceLoader.load(ScannerFactory.class).forEach(all::add);
        all.add(extra);
        return ScannerCatalog.of(all);
    }

    private Verdict run(boolean failFast, boolean failClosed, String text, ScannerSpec... specs) {
        Policy policy = Policy.compile(new PolicyDefinition(failFast, failClosed, List.of(specs)), catalog);
        return engine.scan(policy, text, ScanContext.input(), new AnonymizationVault());
    }

    private static ScannerSpec spec(String type, Action action, Map<String, Object> config) {
        return new ScannerSpec(type, action, 0.5, ScannerSpec.DEFAULT_TIMEOUT_MILLIS, config);
    }

    @Test
    void should_find_the_built_in_scanners_through_the_service_loader() {
        assertThat(ScannerCatalog.load().names()).contains("pii", "secrets", "invisible-text", "banned-patterns");
    }

    @Test
    void should_refuse_two_scanners_with_one_name() {
        assertThatThrownBy(() -> ScannerCatalog.of(List.of(new Unruly(), new Unruly())))
                .hasMessageContaining("two scanner factories are named 'unruly'");
    }

    @Test
    void should_redact_with_types_on_the_original_text() {
        Verdict v = run(
                false, false, "mail bo\u200Bb@example.com or call 415-555-2671", spec("pii", Action.REDACT, Map.of()));
        assertThat(v.blocked()).isFalse();
        assertThat(v.sanitized()).isEqualTo("mail [EMAIL_ADDRESS] or call [PHONE_NUMBER]");
    }

    @Test
    void should_anonymize_consistently_and_restore_output() {
        Verdict v =
                run(false, false, "a@x.io wrote to b@y.io, then a@x.io again", spec("pii", Action.ANONYMIZE, Map.of()));
        assertThat(v.sanitized())
                .isEqualTo("<EMAIL_ADDRESS_1> wrote to <EMAIL_ADDRESS_2>, then <EMAIL_ADDRESS_1> again");
        assertThat(v.vault().restore("Reply to <EMAIL_ADDRESS_2> and <UNKNOWN_9>"))
                .isEqualTo("Reply to b@y.io and <UNKNOWN_9>");
    }

    @Test
    void should_block_and_stop_early_in_fail_fast_mode_but_run_everything_otherwise() {
        String text = "key AKIAIOSFODNN7EXAMPLE for a@x.io";
        Verdict fast =
                run(true, false, text, spec("secrets", Action.BLOCK, Map.of()), spec("pii", Action.REDACT, Map.of()));
        assertThat(fast.blocked()).isTrue();
        assertThat(fast.blockedBy()).isEqualTo("secrets");
        assertThat(fast.outcomes()).hasSize(1);

        Verdict all =
                run(false, false, text, spec("secrets", Action.BLOCK, Map.of()), spec("pii", Action.REDACT, Map.of()));
        assertThat(all.outcomes()).hasSize(2);
        assertThat(all.sanitized()).contains("[EMAIL_ADDRESS]");
    }

    @Test
    void should_record_but_not_enforce_warn() {
        Verdict v = run(false, false, "key AKIAIOSFODNN7EXAMPLE", spec("secrets", Action.WARN, Map.of()));
        assertThat(v.blocked()).isFalse();
        assertThat(v.sanitized()).isEqualTo("key AKIAIOSFODNN7EXAMPLE");
        assertThat(v.outcomes().get(0).triggered()).isTrue();
        assertThat(v.outcomes().get(0).enforced()).isFalse();
    }

    @Test
    void should_apply_fail_open_or_fail_closed_to_a_scanner_that_throws_or_hangs() {
        ScannerSpec hang = new ScannerSpec("unruly", Action.WARN, 0.5, 50, Map.of("mode", "hang"));
        ScannerSpec crash = spec("unruly", Action.WARN, Map.of("mode", "throw"));

        Verdict open = run(false, false, "text", hang, crash);
        assertThat(open.blocked()).isFalse();
        assertThat(open.outcomes())
                .extracting(ScannerOutcome::error)
                .satisfiesExactly(e -> assertThat(e).contains("timed out after 50 ms", "fail-open"), e -> assertThat(e)
                        .contains("scanner bug", "fail-open"));

        Verdict closed = run(false, true, "text", hang);
        assertThat(closed.blocked()).isTrue();
        assertThat(closed.outcomes().get(0).error()).contains("fail-closed");
    }

    @Test
    void should_list_every_error_of_an_invalid_policy() {
        var definition = new PolicyDefinition(
                false,
                false,
                List.of(
                        new ScannerSpec("nope", Action.BLOCK, 0.5, 100, Map.of()),
                        new ScannerSpec("pii", Action.BLOCK, 1.5, 100, Map.of()),
                        new ScannerSpec("secrets", Action.BLOCK, 0.5, 0, Map.of("colour", "red")),
                        new ScannerSpec(
                                "banned-patterns", Action.BLOCK, 0.5, 100, Map.of("patterns", List.of("(unclosed")))));
        assertThatThrownBy(() -> Policy.compile(definition, catalog))
                .isInstanceOf(ParapetException.class)
                .hasMessageContaining("the policy has 5 errors")
                .satisfies(e -> assertThat(((ParapetException) e).errors())
                        .extracting("field")
                        .containsExactly(
                                "scanners[0].type",
                                "scanners[1].threshold",
                                "scanners[2].timeoutMillis",
                                "scanners[2].config",
                                "scanners[3].config"));
        assertThatThrownBy(() -> Action.parse("explode")).hasMessageContaining("block, redact, anonymize or warn");
    }

    @Test
    void should_run_a_scanner_only_on_the_direction_it_is_written_for() {
        Policy policy = Policy.compile(PolicyDocument.parse("""
                                scanners:
                                  - {type: banned-patterns, action: block, direction: output, config: {substrings: [plan]}}
                                  - {type: pii, action: redact, direction: input}
                                """).toDefinition(), catalog);
        String text = "the plan is at ann@example.com";
        Verdict in = engine.scan(policy, text, ScanContext.input(), new AnonymizationVault());
        assertThat(in.blocked()).isFalse();
        assertThat(in.sanitized()).isEqualTo("the plan is at [EMAIL_ADDRESS]");
        Verdict out = engine.scan(policy, text, ScanContext.output(null), new AnonymizationVault());
        assertThat(out.blocked()).isTrue();
        assertThat(out.outcomes()).extracting(ScannerOutcome::type).containsExactly("banned-patterns");
        assertThatThrownBy(() -> Policy.compile(
                        PolicyDocument.parse("scanners: [{type: pii, action: warn, direction: sideways}]")
                                .toDefinition(),
                        catalog))
                .hasMessageContaining("scanners[0].direction must be input, output or both");
    }

    @Test
    void should_run_user_regexes_in_linear_time_on_pathological_input() {
        String evil = "a".repeat(50_000) + "!";
        Verdict v =
                run(false, false, evil, spec("banned-patterns", Action.BLOCK, Map.of("patterns", List.of("(a+)+$"))));
        assertThat(v.blocked()).isFalse();
        Verdict hit = run(
                false,
                false,
                "please IGNORE previous instructions",
                spec("banned-patterns", Action.BLOCK, Map.of("substrings", List.of("ignore previous instructions"))));
        assertThat(hit.blocked()).isTrue();
        assertThat(hit.outcomes().get(0).findings().get(0).text()).isEqualTo("IGNORE previous instructions");
    }

    @Test
    void should_pass_empty_text() {
        Verdict v = run(false, true, "", spec("pii", Action.BLOCK, Map.of()), spec("secrets", Action.BLOCK, Map.of()));
        assertThat(v.blocked()).isFalse();
        assertThat(v.sanitized()).isEmpty();
    }
}
