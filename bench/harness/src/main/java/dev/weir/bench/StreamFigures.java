package dev.weir.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * What a stream scenario reports from its deliveries: when each source commit (a transaction of
 * changes, or one message) was made and when the Iceberg commit that first held it was made.
 */
final class StreamFigures {
    /** The goal of the streaming issue on this 2-core machine. */
    static final double GOAL_CHANGES_PER_SECOND = 20_000;

    /** One source commit of {@code changes} changes, and the Iceberg commit that first held it. */
    record Delivery(long sourceMillis, long committedMillis, int changes) {
        long latencyMillis() {
            return committedMillis - sourceMillis;
        }
    }

    private StreamFigures() {}

    /**
     * Adds the scenario's figures to {@code ratios}: the rate offered and the rate committed, the
     * latency percentiles over every change, the batches, and the peak memory.
     *
     * @param writtenFromMillis when the writer started, epoch millis
     * @param writtenUntilMillis when the writer stopped
     */
    static void report(
            String label,
            List<Delivery> deliveries,
            long writtenFromMillis,
            long writtenUntilMillis,
            Duration interval,
            long peakRssBytes,
            List<Ratio> ratios) {
        long changes = deliveries.stream().mapToLong(Delivery::changes).sum();
        TreeMap<Long, Long> changesByCommit = new TreeMap<>();
        for (Delivery d : deliveries) {
            changesByCommit.merge(d.committedMillis(), (long) d.changes(), Long::sum);
        }
        ratios.add(new Ratio(label + ": changes written to the source", changes, "reported", true));
        ratios.add(new Ratio(
                label + ": changes per second offered",
                changes * 1000.0 / (writtenUntilMillis - writtenFromMillis),
                "reported",
                true));
        ratios.add(Ratio.atLeast(
                label + ": changes per second committed to Iceberg while the source was written",
                committedRate(changesByCommit.headMap(writtenUntilMillis, true)),
                GOAL_CHANGES_PER_SECOND));
        ratios.add(new Ratio(label + ": Iceberg commits holding them", changesByCommit.size(), "reported", true));
        List<Delivery> byLatency = new ArrayList<>(deliveries);
        byLatency.sort(Comparator.comparingLong(Delivery::latencyMillis));
        double limit = 2 * interval.toMillis() / 1000.0;
        ratios.add(new Ratio(
                label + ": p50 latency, source commit to Iceberg commit, s",
                percentile(byLatency, changes, 0.50),
                "reported",
                true));
        ratios.add(Ratio.atMost(
                label + ": p95 latency, source commit to Iceberg commit, s",
                percentile(byLatency, changes, 0.95),
                limit));
        ratios.add(new Ratio(
                label + ": longest latency, s",
                byLatency.get(byLatency.size() - 1).latencyMillis() / 1000.0,
                "reported",
                true));
        ratios.add(new Ratio(label + ": peak RSS MB", peakRssBytes / 1024.0 / 1024.0, "reported", true));
        System.out.printf(
                Locale.ROOT,
                "%-60s %,d changes in %d commits, %.0f/s committed, p95 latency %.2f s%n",
                label,
                changes,
                changesByCommit.size(),
                committedRate(changesByCommit.headMap(writtenUntilMillis, true)),
                percentile(byLatency, changes, 0.95));
    }

    /**
     * The slope from the first commit of {@code changesByCommit} to its last: the changes the later
     * ones held per second between them. Given the commits made while the source was written, it is
     * the rate the pipeline kept up with, without the wait for the first batch or the drain after
     * the writer stopped; NaN with fewer than two such commits.
     */
    private static double committedRate(java.util.NavigableMap<Long, Long> changesByCommit) {
        if (changesByCommit.size() < 2) {
            return Double.NaN;
        }
        long after =
                changesByCommit.values().stream().mapToLong(Long::longValue).sum()
                        - changesByCommit.firstEntry().getValue();
        return after * 1000.0 / (changesByCommit.lastKey() - changesByCommit.firstKey());
    }

    /** The latency in seconds below which {@code share} of all changes were committed. */
    private static double percentile(List<Delivery> byLatency, long changes, double share) {
        long wanted = (long) Math.ceil(share * changes);
        long seen = 0;
        for (Delivery d : byLatency) {
            seen += d.changes();
            if (seen >= wanted) {
                return d.latencyMillis() / 1000.0;
            }
        }
        return byLatency.get(byLatency.size() - 1).latencyMillis() / 1000.0;
    }
}
