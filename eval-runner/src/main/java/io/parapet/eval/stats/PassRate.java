package io.parapet.eval.stats;

/**
 * A pass rate with its Wilson score interval: unlike the normal approximation it stays inside 0..1 and is honest
 * for small runs and rates near 0 or 1, which is where evaluation pass rates live.
 *
 * @param passed items that passed
 * @param total items judged
 * @param low lower bound of the interval
 * @param high upper bound of the interval
 */
public record PassRate(long passed, long total, double low, double high) {
    /** z for a two-sided 95 % interval. */
    public static final double Z95 = 1.959963984540054;

    public static PassRate of(long passed, long total) {
        return of(passed, total, Z95);
    }

    public static PassRate of(long passed, long total, double z) {
        if (total < 0 || passed < 0 || passed > total) {
            throw new IllegalArgumentException("passed must be in 0.." + total + ", not " + passed);
        }
        if (total == 0) {
            return new PassRate(0, 0, 0, 1); // nothing judged: nothing is known
        }
        double p = (double) passed / total;
        double z2 = z * z;
        double centre = (p + z2 / (2.0 * total)) / (1 + z2 / total);
        double half = z / (1 + z2 / total) * Math.sqrt(p * (1 - p) / total + z2 / (4.0 * total * total));
        return new PassRate(passed, total, Math.max(0, centre - half), Math.min(1, centre + half));
    }

    public double rate() {
        return total == 0 ? 0 : (double) passed / total;
    }
}
