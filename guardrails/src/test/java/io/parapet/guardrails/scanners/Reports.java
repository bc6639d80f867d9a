package io.parapet.guardrails.scanners;

/** Formatting shared by the accuracy reports. */
final class Reports {
    private Reports() {}

    static String rate(int part, int whole) {
        return whole == 0 ? "–" : String.format("%d (%.1f%%)", part, 100.0 * part / whole);
    }

    static String ratio(double value) {
        return Double.isNaN(value) ? "–" : String.format("%.3f", value);
    }
}
