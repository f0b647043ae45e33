package dev.weir.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spec.ColumnDecl;
import dev.weir.core.spec.CsvOptions;
import dev.weir.core.spec.FileFormat;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.RelationInfo;
import dev.weir.core.spi.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Under dead-letter, records that cannot be parsed are set aside with file, line and reason; none is lost. */
class MalformedRecordsIT {
    private static final List<ColumnDecl> TYPED = List.of(
            new ColumnDecl("id", "BIGINT"), new ColumnDecl("amount", "DECIMAL(10,2)"), new ColumnDecl("day", "DATE"));

    @TempDir
    Path dir;

    private DuckDbSession session;

    @BeforeEach
    void open() {
        session = (DuckDbSession) new DuckDbEngine(Optional.of("1GB")).openSession(dir.resolve("scratch"));
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void malformedNumbersDatesAndColumnCountsBecomeRejectsWithFileLineReasonAndRawLine() throws IOException {
        Path file = write(
                "typed.csv",
                "id,amount,day\n1,9.99,2024-03-01\n2,nine,2024-03-01\n3,1.00,2024-02-30\n4,1.00\n5,2.00,2024-03-02\n6,3.00,2024-03-0");

        RelationInfo staged = session.stageKeepingMalformed(batch(List.of(file)), Optional.empty(), "bad");

        assertThat(staged.rowCount()).isEqualTo(2);
        assertThat(rejects())
                .containsExactly(
                        List.of(
                                "data/typed.csv:3",
                                "CAST in column amount: Error when converting column \"amount\". Could not convert string \"nine\" to 'DECIMAL'",
                                "2,nine,2024-03-01"),
                        List.of(
                                "data/typed.csv:4",
                                "CAST in column day: Error when converting column \"day\". Could not convert string \"2024-02-30\" to 'DATE'",
                                "3,1.00,2024-02-30"),
                        List.of(
                                "data/typed.csv:5",
                                "MISSING COLUMNS in column day: Expected Number of Columns: 3 Found: 2",
                                "4,1.00"),
                        List.of(
                                "data/typed.csv:7",
                                "CAST in column day: Error when converting column \"day\". Could not convert string \"2024-03-0\" to 'DATE'",
                                "6,3.00,2024-03-0"));
    }

    @Test
    void anUnterminatedQuoteOnTheLastLineOfTheLastOfManyFilesIsRejectedNotDropped() throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            files.add(write("f" + i + ".csv", "id,amount,day\n" + i + ",1.00,2024-03-01\n"));
        }
        files.add(write("f7.csv", "id,amount,day\n7,1.00,2024-03-01\n8,\"1.00,2024-03-01\n"));

        RelationInfo staged = session.stageKeepingMalformed(batch(files), Optional.empty(), "bad");

        assertThat(staged.rowCount()).isEqualTo(7);
        assertThat(rejects()).extracting(r -> r.get(0)).containsExactly("data/f7.csv:3");
        assertThat(rejects().get(0).get(1)).startsWith("UNQUOTED VALUE");
    }

    @Test
    void badJsonLinesBecomeRejectsWithFileLineAndReasonAndTheGoodOnesAreTyped() throws IOException {
        Path file = write("rows.jsonl", """
                {"id": 1, "amount": 9.99, "day": "2024-03-01"}
                {"id": 2, "amount": "nine", "day": "2024-03-01"}
                {"id": 3, "amount": 1.0

                {"id": 4, "day": "2024-03-02", "extra": true}
                [1, 2]
                {"id": 5, "amount": 2, "day": "2024-02-30"}""");
        Batch.Files json = new Batch.Files(
                List.of(new SourceFile(file, "data/rows.jsonl", 0)), FileFormat.JSONL, CsvOptions.DEFAULTS, TYPED);

        RelationInfo staged = session.stageKeepingMalformed(json, Optional.empty(), "bad");

        assertThat(staged.schema().names()).containsExactly("id", "amount", "day");
        assertThat(session.query("SELECT id, amount, day FROM source ORDER BY id", 10)
                        .rows())
                .containsExactly(List.of("1", "9.99", "2024-03-01"), java.util.Arrays.asList("4", null, "2024-03-02"));
        assertThat(session.query(
                                "SELECT \"" + EngineSession.REJECTED_ORIGIN + "\", \"" + EngineSession.REJECTED_REASON
                                        + "\" FROM bad ORDER BY 1",
                                10)
                        .rows())
                .containsExactly(
                        List.of("data/rows.jsonl:2", "CAST in column amount: could not convert nine to DECIMAL(10,2)"),
                        List.of("data/rows.jsonl:3", "invalid JSON"),
                        List.of("data/rows.jsonl:6", "not a JSON object"),
                        List.of("data/rows.jsonl:7", "CAST in column day: could not convert 2024-02-30 to DATE"));
    }

    @Test
    void aBatchWithoutBadRecordsHasNoRejects() throws IOException {
        RelationInfo staged = session.stageKeepingMalformed(
                batch(List.of(write("ok.csv", "id,amount,day\n1,1.00,2024-03-01\n"))), Optional.empty(), "bad");

        assertThat(staged.rowCount()).isEqualTo(1);
        assertThat(rejects()).isEmpty();
    }

    private List<List<String>> rejects() {
        return session.query(
                        "SELECT \"" + EngineSession.REJECTED_ORIGIN + "\", \"" + EngineSession.REJECTED_REASON
                                + "\", \"" + EngineSession.REJECTED_RECORD + "\" FROM bad",
                        100)
                .rows();
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve("data").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static Batch.Files batch(List<Path> files) {
        return new Batch.Files(
                files.stream()
                        .map(f -> new SourceFile(f, "data/" + f.getFileName(), 0))
                        .toList(),
                FileFormat.CSV,
                CsvOptions.DEFAULTS,
                TYPED);
    }
}
