package dev.weir.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The peak used Java heap of one JVM, from its unified GC log ({@link #options}): used heap grows
 * only between collections, so its peak is the largest "before" figure of any collection
 * ({@code 300M->40M(512M)}), or what was in use at exit when that is more. Exact to the log's unit
 * (a megabyte) for every collector, needs no agent and no sampling.
 */
final class HeapLog {
    private static final Pattern COLLECTION = Pattern.compile("(\\d+)([KMG])->\\d+[KMG]\\(\\d+[KMG]\\)");
    /** The heap printed at exit: one line for G1, one per generation for the serial and parallel collectors. */
    private static final Pattern AT_EXIT = Pattern.compile(
            "(garbage-first heap|def new generation|tenured generation|PSYoungGen|ParOldGen)\\s+total \\d+K, used (\\d+)K");

    private HeapLog() {}

    /** The JVM options that write the log {@link #peakMegabytes} reads to {@code file}. */
    static String options(Path file) {
        return "-Xlog:gc,gc+heap+exit:file=" + file;
    }

    /** The peak used heap in MB the log at {@code file} shows. */
    static double peakMegabytes(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            double peak = 0;
            double atExit = 0;
            for (String line : lines) {
                Matcher collection = COLLECTION.matcher(line);
                if (collection.find()) {
                    peak = Math.max(peak, megabytes(Long.parseLong(collection.group(1)), collection.group(2)));
                }
                Matcher exit = AT_EXIT.matcher(line);
                if (exit.find()) {
                    atExit += Long.parseLong(exit.group(2)) / 1024.0;
                }
            }
            return Math.max(peak, atExit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double megabytes(long value, String unit) {
        return switch (unit) {
            case "K" -> value / 1024.0;
            case "G" -> value * 1024.0;
            default -> value;
        };
    }
}
