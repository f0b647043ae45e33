package dev.weir.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The Markdown results table, with the machine and the targets. */
final class Report {
    private Report() {}

    static Path write(Path file, String header, List<Summary> summaries, List<Ratio> ratios) {
        StringBuilder md = new StringBuilder(header).append("\n\n");
        md.append("| scenario | contender | runs | median s | min s | max s | peak RSS MB (median) |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (Summary s : summaries) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %d | %.2f | %.2f | %.2f | %.0f |%n",
                    s.scenario(),
                    s.contender(),
                    s.repetitions(),
                    s.medianSeconds(),
                    s.minSeconds(),
                    s.maxSeconds(),
                    s.peakRssMegabytes()));
        }
        md.append("\n| comparison (same invocation) | value | target | met |\n|---|---:|---|---|\n");
        for (Ratio r : ratios) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s |%n",
                    r.name(),
                    Math.abs(r.value()) >= 1000
                            ? String.format(Locale.ROOT, "%.0f", r.value())
                            : String.format(Locale.ROOT, "%.3f", r.value()),
                    r.target(),
                    r.met() ? "yes" : "**no**"));
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, md.toString());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
