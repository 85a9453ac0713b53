package io.latchkey.server.simulate;

import java.util.Arrays;

/** Nearest-rank percentiles of durations in milliseconds. */
record Percentiles(int count, long p50, long p90, long p99, long max) {

    static Percentiles of(long[] millis) {
        if (millis.length == 0) {
            return new Percentiles(0, -1, -1, -1, -1);
        }
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, rank(sorted, 50), rank(sorted, 90), rank(sorted, 99),
                sorted[sorted.length - 1]);
    }

    /** The smallest value with at least {@code p} % of the values at or below it. */
    static long rank(long[] sorted, int p) {
        int r = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, r - 1)];
    }

    String row(String what) {
        if (count == 0) {
            return String.format("  %-34s %7d %9s %9s %9s %9s", what, 0, "-", "-", "-", "-");
        }
        return String.format("  %-34s %7d %9s %9s %9s %9s", what, count, s(p50), s(p90), s(p99), s(max));
    }

    static String header() {
        return String.format("  %-34s %7s %9s %9s %9s %9s", "", "n", "p50", "p90", "p99", "max");
    }

    private static String s(long ms) {
        return String.format(java.util.Locale.ROOT, "%.3f s", ms / 1000.0);
    }
}
