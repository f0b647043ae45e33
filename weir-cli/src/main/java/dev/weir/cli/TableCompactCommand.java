package dev.weir.cli;

import dev.weir.core.run.CompactionOptions;
import dev.weir.core.run.TableCompactor;
import dev.weir.core.spec.TableId;
import dev.weir.runtime.WeirRuntime;
import java.io.PrintWriter;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "compact",
        description = {
            "Fold a table's position deletes back into its data files and merge its small files.",
            "Upserts in merge-on-read mode mark replaced rows deleted instead of rewriting files; readers skip them.",
            "Compaction rewrites each data file that has deletes with its live rows only and, in a partition with at"
                    + " least --min-input-files small files (below 3/4 of --target-file-size), merges them into files"
                    + " of about the target size. All of it is one commit: readers see the same rows before and after.",
            "It changes nothing if the table's pipeline is running; weir run --follow compacts its tables itself."
        })
final class TableCompactCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TABLE", description = "namespace.table")
    String table;

    @Option(
            names = "--target-file-size",
            paramLabel = "SIZE",
            converter = ByteSizeConverter.class,
            description = "The size merged files aim at, such as 128MB (default: the table's"
                    + " write.target-file-size-bytes, else Iceberg's default 512MB); files below 3/4 of it are small.")
    Long targetFileSize;

    @Option(
            names = "--min-input-files",
            paramLabel = "N",
            defaultValue = "" + CompactionOptions.DEFAULT_MIN_INPUT_FILES,
            description = "Merge a partition's small files only when it has at least N of them (default: 5, at"
                    + " least 2).")
    int minInputFiles;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (minInputFiles < 2) {
            throw new ParameterException(spec.commandLine(), "--min-input-files must be at least 2");
        }
        CompactionOptions options = new CompactionOptions(
                targetFileSize == null ? OptionalLong.empty() : OptionalLong.of(targetFileSize), minInputFiles, 1);
        try (WeirRuntime workspace = ProjectOptions.of(spec).open()) {
            TableId id = TableCommand.existing(workspace, table);
            TableCompactor.Result result = new TableCompactor(workspace.runServices())
                    .compact(id, workspace.project().writerOf(id).map(p -> p.name()), options);
            PrintWriter out = spec.commandLine().getOut();
            if (result.snapshotId().isEmpty()) {
                out.printf(
                        "Nothing to compact in %s: no data file has position deletes and no partition has %d files"
                                + " below %s%n",
                        id, minInputFiles, ByteSizeConverter.format(result.smallFileBytes()));
            } else {
                out.println(describe(result));
            }
            return 0;
        }
    }

    /** One line saying what a compaction did, for this command and for {@code weir run --follow}. */
    static String describe(TableCompactor.Result result) {
        return String.format(
                "Compacted %s: %d data files -> %d (rewrote %d, %d of them with deletes, into %d); dropped %d delete"
                        + " files; %d deleted rows removed, %d rows kept; %s -> %s (snapshot %d)",
                result.table(),
                result.dataFilesBefore(),
                result.dataFilesAfter(),
                result.filesRewritten(),
                result.filesWithDeletes(),
                result.filesWritten(),
                result.deleteFiles(),
                result.rowsRemoved(),
                result.rowsWritten(),
                ByteSizeConverter.format(result.bytesRewritten()),
                ByteSizeConverter.format(result.bytesWritten()),
                result.snapshotId().getAsLong());
    }
}
