package dev.weir.core.error;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises a full disk behind whatever a library made of it (an {@code IOException} "No space
 * left on device", SQLite's {@code SQLITE_FULL}, DuckDB's I/O error) and says so as a user error:
 * which places Weir writes to are on a full disk and how much each has free.
 */
public final class DiskFull {
    private static final List<String> SIGNS =
            List.of("no space left on device", "sqlite_full", "database or disk is full", "disk quota exceeded");
    /** Less than this free, a disk counts as the full one. */
    private static final long NEARLY_FULL_BYTES = 64L * 1024 * 1024;
    /** Less than this free, an I/O error on the disk is taken for a full disk's. */
    private static final long EMPTY_BYTES = 1024L * 1024;

    private DiskFull() {}

    /** Whether {@code failure}, or anything it was caused by or suppressed, says that a disk is full. */
    public static boolean isCause(Throwable failure) {
        return find(failure, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static boolean find(Throwable t, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return false;
        }
        if (saysDiskIsFull(t)) {
            return true;
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (find(suppressed, seen)) {
                return true;
            }
        }
        return find(t.getCause(), seen);
    }

    /**
     * An I/O error with no word of space, such as SQLite's {@code SQLITE_IOERR_SHMSIZE} (its shared
     * memory file could not grow), is a full disk's too when one of the places has almost nothing left.
     */
    private static boolean ioErrorOnAFullDisk(Throwable failure, List<Path> places) {
        boolean ioError = false;
        for (Throwable t = failure; t != null && !ioError; t = t.getCause() == t ? null : t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            ioError = t instanceof IOException || message.contains("sqlite_ioerr") || message.contains("i/o error");
        }
        return ioError
                && places.stream()
                        .anyMatch(p -> diskOf(p).flatMap(DiskFull::usableSpace).orElse(Long.MAX_VALUE) < EMPTY_BYTES);
    }

    /**
     * {@code failure} as the user error it is when a full disk caused it: {@code cannot} (what
     * could not be done, {@code Cannot save run R in metastore M}), then the disk's own words and
     * those of {@code places} (the warehouse, the state directory, the temp directory) whose disk is
     * (nearly) full, with the space each has left; empty when no disk is full.
     */
    public static Optional<WeirException> of(String cannot, Throwable failure, List<Path> places) {
        if (failure instanceof WeirException weir && weir.code() == ErrorCode.DISK_FULL) {
            return Optional.of(weir);
        }
        if (!isCause(failure) && !ioErrorOnAFullDisk(failure, places)) {
            return Optional.empty();
        }
        return Optional.of(new WeirException(
                ErrorCode.DISK_FULL,
                cannot + ": the disk is full (" + firstLine(rootMessage(failure)) + "); " + freeSpace(places),
                null,
                "free space on that disk and run again: nothing was published, and the next run loads the batch"
                        + " (a run needs room for its staged batch and the table files it writes)",
                failure));
    }

    /** {@code /w/lakehouse: 12 KB free, /tmp: 3.1 GB free}: the nearly full places first, one per disk. */
    static String freeSpace(List<Path> places) {
        Map<FileStore, Path> byDisk = new LinkedHashMap<>();
        places.forEach(place -> diskOf(place).ifPresent(disk -> byDisk.putIfAbsent(disk, place)));
        List<String> full = new ArrayList<>();
        List<String> roomy = new ArrayList<>();
        byDisk.forEach((disk, place) -> {
            long bytes = usableSpace(disk).orElse(0L);
            (bytes < NEARLY_FULL_BYTES ? full : roomy).add(place + ": " + bytes(bytes) + " free");
        });
        full.addAll(roomy);
        return full.isEmpty() ? "free space unknown" : String.join(", ", full);
    }

    /** The disk {@code place} is on, or would be on once created. */
    private static Optional<FileStore> diskOf(Path place) {
        Path existing = place.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            return existing == null ? Optional.empty() : Optional.of(Files.getFileStore(existing));
        } catch (IOException unknown) {
            return Optional.empty(); // a place whose disk cannot be asked is left out
        }
    }

    private static Optional<Long> usableSpace(FileStore disk) {
        try {
            return Optional.of(disk.getUsableSpace());
        } catch (IOException unknown) {
            return Optional.empty();
        }
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " bytes";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = n;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    }

    private static String rootMessage(Throwable failure) {
        Throwable sign = failure;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (saysDiskIsFull(t)) {
                sign = t;
            }
        }
        return String.valueOf(sign.getMessage());
    }

    private static boolean saysDiskIsFull(Throwable t) {
        String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
        return SIGNS.stream().anyMatch(message::contains);
    }

    private static String firstLine(String message) {
        return message.lines().findFirst().orElse("").strip();
    }
}
