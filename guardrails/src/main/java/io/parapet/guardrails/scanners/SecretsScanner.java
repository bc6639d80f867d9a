package io.parapet.guardrails.scanners;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.parapet.guardrails.Finding;
import io.parapet.guardrails.ScanContext;
import io.parapet.guardrails.ScanResult;
import io.parapet.guardrails.spi.Cancellation;
import io.parapet.guardrails.spi.ScanText;
import io.parapet.guardrails.spi.Scanner;
import java.util.ArrayList;
import java.util.List;

/**
 * Credentials: cloud and SaaS keys by their documented formats, PEM private keys, JWTs, and high-entropy tokens
 * right after a key-like word ({@code password=}, {@code api_key:}).
 */
final class SecretsScanner implements Scanner {
    /** A credential format; its regex runs only when one of its literal {@code anchors} occurs in the text. */
    private record Rule(String type, Pattern pattern, double score, List<String> anchors) {}

    private static final List<Rule> RULES = List.of(
            new Rule(
                    "AWS_ACCESS_KEY",
                    Pattern.compile("\\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\\b"),
                    0.95,
                    List.of("AKIA", "ASIA", "ABIA", "ACCA")),
            new Rule(
                    "GITHUB_TOKEN",
                    Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82})\\b"),
                    0.99,
                    List.of("gh")),
            new Rule("SLACK_TOKEN", Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,72}\\b"), 0.95, List.of("xox")),
            new Rule(
                    "SLACK_WEBHOOK",
                    Pattern.compile("https://hooks\\.slack\\.com/services/[A-Za-z0-9/_]{20,}"),
                    0.99,
                    List.of("hooks.slack.com")),
            new Rule(
                    "OPENAI_API_KEY",
                    Pattern.compile("\\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}\\b"
                            + "|\\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}\\b"),
                    0.99,
                    List.of("sk-")),
            new Rule(
                    "ANTHROPIC_API_KEY",
                    Pattern.compile("\\bsk-ant-(?:api|admin)\\d{2}-[A-Za-z0-9_-]{80,}\\b"),
                    0.99,
                    List.of("sk-ant-")),
            new Rule(
                    "STRIPE_KEY",
                    Pattern.compile("\\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{24,99}\\b"),
                    0.99,
                    List.of("_live_", "_test_")),
            new Rule("GOOGLE_API_KEY", Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}\\b"), 0.95, List.of("AIza")),
            new Rule(
                    "PRIVATE_KEY",
                    Pattern.compile(
                            "-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----"),
                    0.99,
                    List.of("-----BEGIN ")),
            new Rule(
                    "JWT",
                    Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"),
                    0.9,
                    List.of("eyJ")));
    private static final List<String> KEY_WORDS =
            List.of("pass", "pwd", "secret", "token", "key", "auth", "credential");
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|auth|credential|private[_-]?key)"
                    + "[\"']?\\s*[:=]\\s*[\"']?([A-Za-z0-9+/=_\\-.!@#$%^&*]{16,})");
    static final double MIN_ENTROPY_BITS = 3.5;

    @Override
    public ScanResult scan(ScanText text, ScanContext context) {
        List<Finding> found = new ArrayList<>();
        String n = text.normalized();
        for (Rule rule : RULES) {
            if (rule.anchors().stream().anyMatch(n::contains)) {
                found.addAll(Matches.find(text, rule.pattern(), rule.type(), rule.score(), v -> true));
            }
        }
        if (KEY_WORDS.stream().noneMatch(n.toLowerCase(java.util.Locale.ROOT)::contains)) {
            return ScanResult.of(Matches.strongestNonOverlapping(found));
        }
        Matcher m = KEY_VALUE.matcher(Cancellation.watched(n));
        while (m.find()) {
            if (entropy(m.group(1)) >= MIN_ENTROPY_BITS) {
                found.add(Matches.finding(text, "HIGH_ENTROPY_SECRET", m.start(1), m.end(1), 0.8));
            }
        }
        return ScanResult.of(Matches.strongestNonOverlapping(found));
    }

    /** Shannon entropy in bits per character. */
    static double entropy(String s) {
        int[] counts = new int[128];
        int other = 0;
        for (char c : s.toCharArray()) {
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double bits = 0;
        for (int count : counts) {
            if (count > 0) {
                double p = (double) count / s.length();
                bits -= p * Math.log(p) / Math.log(2);
            }
        }
        if (other > 0) {
            double p = (double) other / s.length();
            bits -= p * Math.log(p) / Math.log(2);
        }
        return bits;
    }
}
