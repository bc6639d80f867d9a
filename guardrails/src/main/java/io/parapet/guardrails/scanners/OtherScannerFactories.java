package io.parapet.guardrails.scanners;

import com.google.re2j.Pattern;
import io.parapet.core.ConfigValues;
import io.parapet.core.Text;
import io.parapet.core.UserRegex;
import io.parapet.guardrails.spi.Scanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Factories of the scanners that need little or no configuration. */
public final class OtherScannerFactories {
    private OtherScannerFactories() {}

    /** A scanner that takes no configuration. */
    private abstract static class Unconfigured extends NamedScannerFactory {
        private final Supplier<Scanner> scanner;

        Unconfigured(String name, Supplier<Scanner> scanner) {
            super(name);
            this.scanner = scanner;
        }

        @Override
        public Scanner create(Map<String, Object> config) {
            return scanner.get();
        }
    }

    /** {@code secrets}: no configuration. */
    public static final class Secrets extends Unconfigured {
        public Secrets() {
            super("secrets", SecretsScanner::new);
        }
    }

    /** {@code invisible-text}: no configuration. */
    public static final class InvisibleText extends Unconfigured {
        public InvisibleText() {
            super("invisible-text", InvisibleTextScanner::new);
        }
    }

    /** {@code token-limit}: {@code maxTokens} (default 4096) and a {@code tokenizer} file (default: MiniLM's). */
    public static final class TokenLimit extends NamedScannerFactory {
        public TokenLimit() {
            super("token-limit", "maxTokens", "tokenizer");
        }

        @Override
        public Scanner create(Map<String, Object> config) {
            return new TokenLimitScanner(
                    ConfigValues.string(config, "tokenizer", null),
                    ConfigValues.integer(config, "maxTokens", 4096, 1, 10_000_000));
        }
    }

    /** {@code banned-patterns}: {@code substrings} and RE2 {@code patterns}; {@code caseSensitive} (default false). */
    public static final class BannedPatterns extends NamedScannerFactory {
        public BannedPatterns() {
            super("banned-patterns", "substrings", "patterns", "caseSensitive");
        }

        @Override
        public Scanner create(Map<String, Object> config) {
            int flags = ConfigValues.bool(config, "caseSensitive", false) ? 0 : Pattern.CASE_INSENSITIVE;
            List<Pattern> compiled = new ArrayList<>();
            for (String s : ConfigValues.strings(config, "substrings", List.of())) {
                compiled.add(Pattern.compile(Pattern.quote(s), flags));
            }
            for (String p : ConfigValues.strings(config, "patterns", List.of())) {
                try {
                    compiled.add(UserRegex.compile(p, flags));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("pattern '" + Text.clip(p, 60) + "': " + e.getMessage());
                }
            }
            if (compiled.isEmpty()) {
                throw new IllegalArgumentException("give at least one of 'substrings' or 'patterns'");
            }
            return new BannedPatternScanner(compiled);
        }
    }
}
