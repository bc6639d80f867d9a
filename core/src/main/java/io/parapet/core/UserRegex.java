package io.parapet.core;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * The one place a regular expression written by a user (a policy, an evaluator) is compiled. RE2J matches in time
 * linear in the text, but compiling expands counted repetition: {@code ((a{1000}){1000}){1000}} asks for a billion
 * instructions and exhausts the heap before anything can time out. So the pattern's length and its expanded size
 * are checked first, and a pattern over either cap is refused with the reason.
 */
public final class UserRegex {
    /** Longest pattern accepted, in characters. */
    public static final int MAX_LENGTH = 1_000;

    /** Largest program accepted, in RE2 instructions as estimated by {@link #programSize}. */
    public static final int MAX_PROGRAM = 5_000;

    private UserRegex() {}

    /**
     * Compiles {@code regex} with RE2J {@code flags}.
     *
     * @throws IllegalArgumentException naming the cap or the syntax error
     */
    public static Pattern compile(String regex, int flags) {
        if (regex.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "the pattern is " + regex.length() + " characters long; the limit is " + MAX_LENGTH);
        }
        long size = programSize(regex);
        if (size > MAX_PROGRAM) {
            throw new IllegalArgumentException("the pattern expands to more than " + MAX_PROGRAM
                    + " instructions (counted repetition multiplies); use fewer or smaller {n,m} counts");
        }
        try {
            return Pattern.compile(regex, flags);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("the pattern is not valid RE2 syntax: " + e.getDescription());
        }
    }

    /**
     * An upper estimate of the instructions RE2 compiles {@code regex} into: one per literal, class or operator,
     * with {@code x{n,m}} costing {@code m} copies of {@code x}. Stops counting once past {@link #MAX_PROGRAM}.
     * Syntax errors are left to the compiler; this only has to be right for patterns that compile.
     */
    static long programSize(String regex) {
        return new SizeEstimate(regex).total();
    }

    /** A single left-to-right pass keeping, per open group, its size so far and the size of its last atom. */
    private static final class SizeEstimate {
        private final String re;
        private int at;

        SizeEstimate(String re) {
            this.re = re;
        }

        long total() {
            long[] group = group();
            return group[0];
        }

        /** Reads up to a closing parenthesis or the end; returns {total, last atom}. */
        private long[] group() {
            long total = 0;
            long last = 0;
            while (at < re.length() && total <= MAX_PROGRAM) {
                char c = re.charAt(at++);
                long atom = -1;
                switch (c) {
                    case ')' -> {
                        return new long[] {total, last};
                    }
                    case '(' -> atom = group()[0] + 1;
                    case '\\' -> atom = escape();
                    case '[' -> atom = charClass();
                    case '|', '*', '+', '?' -> total += 1;
                    case '{' -> {
                        int count = repeatCount();
                        if (count < 0) {
                            atom = 1; // a literal brace
                        } else {
                            total += last * (count - 1L) + 1;
                            last *= count;
                        }
                    }
                    default -> atom = 1;
                }
                if (atom >= 0) {
                    total += atom;
                    last = atom;
                }
            }
            return new long[] {total, last};
        }

        /** After a backslash: {@code \Q…\E} counts its characters, {@code \p{…}} and {@code \x{…}} one. */
        private long escape() {
            if (at >= re.length()) {
                return 1;
            }
            char c = re.charAt(at++);
            if (c == 'Q') {
                int end = re.indexOf("\\E", at);
                int stop = end < 0 ? re.length() : end;
                long quoted = stop - at;
                at = end < 0 ? stop : end + 2;
                return quoted;
            }
            if ((c == 'p' || c == 'P' || c == 'x') && at < re.length() && re.charAt(at) == '{') {
                int close = re.indexOf('}', at);
                at = close < 0 ? re.length() : close + 1;
            }
            return 1;
        }

        /** Skips a bracketed class ({@code []a]}, {@code [^]a]}, {@code [[:alpha:]]}, escapes); one instruction. */
        private long charClass() {
            if (at < re.length() && re.charAt(at) == '^') {
                at++;
            }
            if (at < re.length() && re.charAt(at) == ']') {
                at++;
            }
            while (at < re.length()) {
                char c = re.charAt(at++);
                if (c == '\\') {
                    at++;
                } else if (c == '[' && at < re.length() && re.charAt(at) == ':') {
                    int close = re.indexOf(":]", at);
                    at = close < 0 ? at : close + 2;
                } else if (c == ']') {
                    break;
                }
            }
            return 1;
        }

        /** Reads {@code n}, {@code n,} or {@code n,m} and the closing brace; the copies it makes, or -1 if literal. */
        private int repeatCount() {
            int close = re.indexOf('}', at);
            if (close < 0) {
                return -1;
            }
            String body = re.substring(at, close);
            if (!body.matches("\\d{1,4}(,\\d{0,4})?")) {
                return -1;
            }
            at = close + 1;
            String[] bounds = body.split(",", -1);
            int min = Integer.parseInt(bounds[0]);
            if (bounds.length == 1) {
                return Math.max(min, 1);
            }
            return bounds[1].isEmpty() ? min + 1 : Math.max(Integer.parseInt(bounds[1]), 1);
        }
    }
}
