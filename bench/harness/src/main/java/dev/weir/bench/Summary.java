package dev.weir.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Median, minimum and maximum of repeated measurements of one contender in one scenario. */
record Summary(
        String scenario,
        String contender,
        int repetitions,
        double medianSeconds,
        double minSeconds,
        double maxSeconds,
        long medianPeakRssBytes) {

    static Summary of(String scenario, String contender, List<Measurement> runs) {
        List<Double> seconds =
                new ArrayList<>(runs.stream().map(Measurement::seconds).sorted().toList());
        List<Long> rss = runs.stream()
                .map(Measurement::peakRssBytes)
                .sorted(Comparator.naturalOrder())
                .toList();
        return new Summary(
                scenario,
                contender,
                runs.size(),
                median(seconds),
                seconds.get(0),
                seconds.get(seconds.size() - 1),
                rss.get(rss.size() / 2));
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double peakRssMegabytes() {
        return medianPeakRssBytes / (1024.0 * 1024.0);
    }
}
