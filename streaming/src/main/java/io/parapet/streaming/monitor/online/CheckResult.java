package io.parapet.streaming.monitor.online;

/**
 * One check's verdict on one answer.
 *
 * @param score from 0 (bad) to 1 (good)
 * @param detail why, in words a person can act on
 */
public record CheckResult(boolean passed, double score, String detail) {
    public static CheckResult pass(String detail) {
        return new CheckResult(true, 1, detail);
    }

    public static CheckResult fail(String detail) {
        return new CheckResult(false, 0, detail);
    }
}
