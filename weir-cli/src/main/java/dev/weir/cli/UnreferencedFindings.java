package dev.weir.cli;

import dev.weir.core.error.WeirException;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.HealthFinding;
import dev.weir.core.spi.TableRecovery;
import dev.weir.core.spi.UnreferencedFile;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code weir doctor} says about the files under each table that nothing references: those
 * older than the safety age are leaks (a problem, or removed with {@code --fix}); younger ones may
 * belong to a commit in progress and are only mentioned.
 */
final class UnreferencedFindings {
    /** How the detail of a table whose leaked files were removed starts. */
    static final String FIXED = "removed ";

    private final TableRecovery recovery;
    private final Duration safetyAge;
    private final boolean fix;

    UnreferencedFindings(TableRecovery recovery, Duration safetyAge, boolean fix) {
        this.recovery = recovery;
        this.safetyAge = safetyAge;
        this.fix = fix;
    }

    /** One finding per table that has unreferenced files; none for the others, and none for an unreadable table (its own check says so). */
    List<HealthFinding> of(List<TableId> tables) {
        Instant cutoff = Instant.now().minus(safetyAge);
        List<HealthFinding> findings = new ArrayList<>();
        for (TableId table : tables) {
            List<UnreferencedFile> files;
            try {
                files = recovery.unreferencedFiles(table);
            } catch (WeirException unreadable) {
                continue;
            }
            if (files.isEmpty()) {
                continue;
            }
            List<UnreferencedFile> leaked =
                    files.stream().filter(f -> f.written().isBefore(cutoff)).toList();
            String subject = "files of table " + table;
            String recent = files.size() > leaked.size()
                    ? (files.size() - leaked.size()) + " written in the last " + age(safetyAge)
                            + " are left alone (a commit in progress writes such files)"
                    : "";
            if (leaked.isEmpty()) {
                findings.add(HealthFinding.healthy(subject, recent));
            } else if (fix) {
                List<UnreferencedFile> removed = recovery.removeUnreferencedFiles(table, cutoff);
                findings.add(HealthFinding.healthy(
                        subject,
                        FIXED + describe(removed) + " that nothing referenced"
                                + (recent.isEmpty() ? "" : "; " + recent)));
            } else {
                findings.add(HealthFinding.problem(
                        subject,
                        describe(leaked) + " that nothing references, e.g. "
                                + leaked.get(0).path() + (recent.isEmpty() ? "" : "; " + recent),
                        Optional.of("weir doctor --fix"
                                + (safetyAge.equals(Duration.ofDays(1)) ? "" : " --older-than " + age(safetyAge)))));
            }
        }
        return findings;
    }

    private static String describe(List<UnreferencedFile> files) {
        long bytes = files.stream().mapToLong(UnreferencedFile::sizeBytes).sum();
        Instant first = files.get(0).written().truncatedTo(ChronoUnit.SECONDS);
        Instant last = files.get(files.size() - 1).written().truncatedTo(ChronoUnit.SECONDS);
        return files.size() + (files.size() == 1 ? " file" : " files") + " (" + bytes + " bytes, written "
                + (first.equals(last) ? first : first + " to " + last) + ")";
    }

    private static String age(Duration age) {
        return AgeConverter.format(age);
    }
}
