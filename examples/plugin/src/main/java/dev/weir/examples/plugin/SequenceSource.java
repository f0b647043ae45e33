package dev.weir.examples.plugin;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.ColumnDecl;
import dev.weir.core.spec.CsvOptions;
import dev.weir.core.spec.FileFormat;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.BatchEnd;
import dev.weir.core.spi.Position;
import dev.weir.core.spi.Source;
import dev.weir.core.spi.SourceBatch;
import dev.weir.core.spi.SourceContext;
import dev.weir.core.spi.SourceFile;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Writes the run's rows as JSON lines into its scratch directory; the batch ends at the last number written. */
final class SequenceSource implements Source {
    static final String KIND = "sequence";

    private final int rowsPerRun;
    private final boolean continues;
    private final SourceContext context;

    SequenceSource(int rowsPerRun, boolean continues, SourceContext context) {
        this.rowsPerRun = rowsPerRun;
        this.continues = continues;
        this.context = context;
    }

    @Override
    public SourceBatch open(Optional<Position> previous) {
        long first = continues
                ? previous.filter(p -> p.kind().equals(KIND))
                                .map(p -> Long.parseLong(p.state()))
                                .orElse(0L)
                        + 1
                : 1;
        long last = first + rowsPerRun - 1;
        Path file = context.scratchDir().resolve("sequence-" + first + ".jsonl");
        try {
            Files.createDirectories(context.scratchDir());
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (long n = first; n <= last; n++) {
                    context.cancellation().check();
                    out.write("{\"n\": " + n + ", \"label\": \"row " + n + "\"}\n");
                }
            }
            Batch batch = new Batch.Files(
                    List.of(new SourceFile(file, file.getFileName().toString(), Files.size(file))),
                    FileFormat.JSONL,
                    CsvOptions.DEFAULTS,
                    List.of(new ColumnDecl("n", "BIGINT"), new ColumnDecl("label", "VARCHAR")));
            BatchEnd end =
                    continues ? BatchEnd.at(new Position(KIND, Long.toString(last), "n:" + last)) : BatchEnd.none();
            return new SourceBatch(batch, Optional.empty(), end, false);
        } catch (IOException e) {
            throw new WeirException(
                    ErrorCode.SOURCE_UNAVAILABLE,
                    "Cannot write the sequence into " + context.scratchDir() + ": " + e.getMessage(),
                    null,
                    "check the state directory's free space and permissions",
                    e);
        }
    }
}
