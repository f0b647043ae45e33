package dev.weir.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.ColumnDecl;
import dev.weir.core.spec.CsvOptions;
import dev.weir.core.spec.FileFormat;
import dev.weir.core.spec.PartitionField;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.DataFileRef;
import dev.weir.core.spi.KeyWindow;
import dev.weir.core.spi.RelationInfo;
import dev.weir.core.spi.SourceFile;
import dev.weir.core.spi.TableLayout;
import dev.weir.core.spi.TableSchema;
import dev.weir.core.spi.TableState;
import dev.weir.core.spi.WrittenDeleteFile;
import dev.weir.core.spi.WrittenFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbSessionIT {
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
    void csvWithoutDeclaredColumnsIsStagedAsTextAndSkipsTheByteOrderMark() throws IOException {
        Path file = dir.resolve("bom.csv");
        Files.write(file, ("\uFEFFid,name\n1,\"a, b\"\n2,c\n").getBytes(StandardCharsets.UTF_8));

        RelationInfo source = session.stage(csv(file, "id", "name"), Optional.empty());

        assertThat(source.rowCount()).isEqualTo(2);
        assertThat(source.schema().columns())
                .extracting(Column::name, Column::type)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("id", "string"),
                        org.assertj.core.groups.Tuple.tuple("name", "string"));
        assertThat(session.query("SELECT name FROM source ORDER BY id", 10).rows())
                .containsExactly(List.of("a, b"), List.of("c"));
    }

    @Test
    void latinOneCsvIsDecoded() throws IOException {
        Path file = dir.resolve("latin1.csv");
        Files.write(file, "id,city\n1,M\u00fcnchen\n".getBytes(StandardCharsets.ISO_8859_1));
        Batch.Files batch = new Batch.Files(
                List.of(new SourceFile(file, "latin1.csv", 0)),
                FileFormat.CSV,
                new CsvOptions(true, ",", "\"", "\"", "latin-1"),
                List.of(new ColumnDecl("id", "VARCHAR"), new ColumnDecl("city", "VARCHAR")));

        session.stage(batch, Optional.empty());

        assertThat(session.query("SELECT city FROM source", 1).rows()).containsExactly(List.of("M\u00fcnchen"));
    }

    @Test
    void parquetAndJsonLinesFilesAreStagedWithTheirTypes() throws IOException {
        Path parquet = dir.resolve("p.parquet");
        session.runStage("tmp", "SELECT 1::BIGINT AS id, DATE '2024-01-02' AS day");
        session.write(
                "tmp",
                new TableState(
                        new TableId("x", "p"),
                        new TableLayout(
                                new TableSchema(List.of(
                                        new Column(1, "id", "long", false), new Column(2, "day", "date", false))),
                                Optional.empty(),
                                List.of()),
                        OptionalLong.empty(),
                        dir.resolve("pq")),
                "f");
        Path written;
        try (var files = Files.list(dir.resolve("pq"))) {
            written = files.findFirst().orElseThrow();
        }
        Files.move(written, parquet);
        Path jsonl = dir.resolve("e.jsonl");
        Files.writeString(jsonl, "{\"id\": 7, \"tags\": \"a\"}\n{\"id\": 8, \"tags\": null}\n");

        RelationInfo fromParquet = session.stage(
                new Batch.Files(
                        List.of(new SourceFile(parquet, "p.parquet", 0)),
                        FileFormat.PARQUET,
                        CsvOptions.DEFAULTS,
                        List.of()),
                Optional.empty());
        assertThat(fromParquet.schema().columns()).extracting(Column::type).containsExactly("long", "date");
        RelationInfo fromJson = session.stage(
                new Batch.Files(
                        List.of(new SourceFile(jsonl, "e.jsonl", 0)), FileFormat.JSONL, CsvOptions.DEFAULTS, List.of()),
                Optional.empty());
        assertThat(fromJson.rowCount()).isEqualTo(2);
        assertThat(fromJson.schema().column("id").orElseThrow().type()).isEqualTo("long");
    }

    @Test
    void malformedJsonLineIsReportedWithFile() throws IOException {
        Path jsonl = dir.resolve("bad.jsonl");
        Files.writeString(jsonl, "{\"id\": 1}\n{\"id\": \n");

        assertThatThrownBy(() -> session.stage(
                        new Batch.Files(
                                List.of(new SourceFile(jsonl, "in/bad.jsonl", 0)),
                                FileFormat.JSONL,
                                CsvOptions.DEFAULTS,
                                List.of()),
                        Optional.empty()))
                .isInstanceOfSatisfying(WeirException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
                    assertThat(e.render()).startsWith("in/bad.jsonl:").contains("Malformed JSON");
                });
    }

    @Test
    void malformedRecordIsReportedWithFileAndLine() throws IOException {
        Path file = dir.resolve("orders.csv");
        Files.writeString(file, "id,amount\n1,2.5\n2,3.5\n3,oops\n");
        Batch.Files batch = new Batch.Files(
                List.of(new SourceFile(file, "data/orders.csv", 0)),
                FileFormat.CSV,
                CsvOptions.DEFAULTS,
                List.of(new ColumnDecl("id", "BIGINT"), new ColumnDecl("amount", "DOUBLE")));

        assertThatThrownBy(() -> session.stage(batch, Optional.empty()))
                .isInstanceOfSatisfying(WeirException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
                    assertThat(e.render())
                            .startsWith(
                                    "data/orders.csv:4: Cannot read record: column 'amount': Could not convert string \"oops\" to 'DOUBLE'");
                });
    }

    @Test
    void lazilyStagedBatchIsStreamedIntoFilesAndItsBadRecordsNameFileAndLine() throws IOException {
        Path good = dir.resolve("good.csv");
        Files.writeString(good, "id,order_date,note\n1,2024-03-01,a\n2,2024-03-02,b\n");
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "id,order_date,note\n1,2024-03-01,a\n2,2024-03-02\n");
        TableState table = table(Optional.empty());

        TableSchema schema = session.stageLazily(typedCsv(good));
        List<WrittenFile> files = session.write("source", table, "run1");

        assertThat(schema.names()).containsExactly("id", "order_date", "note");
        assertThat(files).extracting(WrittenFile::recordCount).containsExactly(2L);
        session.stageLazily(typedCsv(bad));
        assertThatThrownBy(() -> session.write("source", table, "run2"))
                .isInstanceOfSatisfying(WeirException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
                    assertThat(e.render())
                            .startsWith("bad.csv:3: Cannot read record: Expected Number of Columns: 3 Found: 2");
                });
    }

    private static Batch.Files typedCsv(Path file) {
        return new Batch.Files(
                List.of(new SourceFile(file, file.getFileName().toString(), 0)),
                FileFormat.CSV,
                CsvOptions.DEFAULTS,
                List.of(
                        new ColumnDecl("id", "BIGINT"),
                        new ColumnDecl("order_date", "DATE"),
                        new ColumnDecl("note", "VARCHAR")));
    }

    @Test
    void rowWithTooManyFieldsIsReportedWithFileAndLine() throws IOException {
        Path file = dir.resolve("wide.csv");
        Files.writeString(file, "id,name\n1,a\n2,b,extra\n");

        assertThatThrownBy(() -> session.stage(csv(file, "id", "name"), Optional.empty()))
                .isInstanceOfSatisfying(
                        WeirException.class,
                        e -> assertThat(e.render())
                                .startsWith("wide.csv:3: Cannot read record: Expected Number of Columns: 2 Found: 3"));
    }

    @Test
    void incrementalFilterKeepsOnlyRowsPastTheWatermarkComparedInTheKeyType() throws IOException {
        Path file = dir.resolve("events.csv");
        Files.writeString(file, "id,updated_at\n1,2024-01-01\n2,2024-01-02\n3,2024-01-03\n");
        Optional<String> date = Optional.of("date");

        RelationInfo source = session.stage(
                csv(file, "id", "updated_at"),
                Optional.of(new Batch.KeyFilter("updated_at", Optional.of("2024-01-02"), date)));

        assertThat(source.rowCount()).isEqualTo(1);
        assertThat(session.maxValue("source", "updated_at", date)).contains("2024-01-03");
    }

    @Test
    void aKeyWindowKeepsTheRowsOfItsDaysComparedInTheKeyTypeAndLeavesOutInvalidKeys() throws IOException {
        Path file = dir.resolve("window.csv");
        Files.writeString(
                file,
                "id,day,at\n1,2024-01-01,2024-01-01 23:59:59\n2,2024-01-02,2024-01-02 00:00:00\n"
                        + "3,2024-01-02,2024-01-02 23:30:00\n4,2024-01-03,2024-01-03 00:00:00\n5,,\n");
        KeyWindow window = new KeyWindow(
                LocalDate.parse("2024-01-02").atStartOfDay(ZoneOffset.UTC),
                LocalDate.parse("2024-01-03").atStartOfDay(ZoneOffset.UTC));

        RelationInfo days = session.stage(
                csv(file, "id", "day", "at"), Optional.of(Batch.KeyFilter.within("day", Optional.of("date"), window)));
        assertThat(days.rowCount()).isEqualTo(2);
        RelationInfo times = session.stage(
                csv(file, "id", "day", "at"),
                Optional.of(Batch.KeyFilter.within("at", Optional.of("timestamp"), window)));
        assertThat(times.rowCount()).isEqualTo(2);
        assertThat(session.query("SELECT min(id), max(id) FROM source", 1).rows())
                .containsExactly(List.of("2", "3"));
    }

    @Test
    void aKeyWindowOnANumberIsRefusedNamingTheKey() throws IOException {
        Path file = dir.resolve("numbers.csv");
        Files.writeString(file, "id\n1\n");
        KeyWindow window = new KeyWindow(
                LocalDate.parse("2024-01-02").atStartOfDay(ZoneOffset.UTC),
                LocalDate.parse("2024-01-03").atStartOfDay(ZoneOffset.UTC));

        assertThatThrownBy(() -> session.stage(
                        csv(file, "id"), Optional.of(Batch.KeyFilter.within("id", Optional.of("bigint"), window))))
                .isInstanceOfSatisfying(
                        WeirException.class,
                        e -> assertThat(e.getMessage())
                                .isEqualTo("Cannot backfill on 'id': it is bigint, and a backfill cuts a date or"
                                        + " timestamp key into days"));
    }

    @Test
    void missingIncrementalKeyColumnIsASourceErrorListingTheColumns() throws IOException {
        Path file = dir.resolve("events.csv");
        Files.writeString(file, "id,changed_at\n1,2024-01-01\n");

        assertThatThrownBy(() -> session.stage(
                        csv(file, "id", "changed_at"),
                        Optional.of(new Batch.KeyFilter("updated_at", Optional.empty(), Optional.empty()))))
                .isInstanceOfSatisfying(
                        WeirException.class,
                        e -> assertThat(e.render())
                                .isEqualTo("Cannot extract incrementally on 'updated_at': the source has no such column"
                                        + System.lineSeparator()
                                        + "hint: set extract.incremental_key to one of [id, changed_at]"));
    }

    @Test
    void writtenFilesCarryFieldIdsAndOneDirectoryPerPartition() throws Exception {
        session.runStage(
                "orders",
                "SELECT i AS id, DATE '2024-03-01' + CAST(i % 3 AS INTEGER) AS order_date, 'x' || i AS note FROM range(9) t(i)");
        TableState table = table(Optional.of(PartitionField.parse("day(order_date)")));

        List<WrittenFile> files = session.write("orders", table, "run1");

        assertThat(files).hasSize(3);
        assertThat(files).extracting(WrittenFile::recordCount).containsOnly(3L);
        assertThat(files).extracting(f -> f.partitionValues().get(0)).containsExactlyInAnyOrder(19783, 19784, 19785);
        assertThat(files.get(0).path())
                .contains("/data/order_date_day=2024-03-0")
                .contains("/run1-");
        List<List<String>> ids = session.query(
                        "SELECT name, CAST(field_id AS VARCHAR) FROM parquet_schema('"
                                + files.get(0).path() + "') WHERE field_id IS NOT NULL ORDER BY field_id",
                        10)
                .rows();
        assertThat(ids).containsExactly(List.of("id", "1"), List.of("order_date", "2"), List.of("note", "3"));
    }

    @Test
    void rewriteKeepsOnlyRowsWhoseKeysAreNotInTheBatch() throws Exception {
        session.runStage(
                "existing", "SELECT i AS id, DATE '2024-03-01' AS order_date, 'old' AS note FROM range(10) t(i)");
        TableState table = table(Optional.empty());
        List<WrittenFile> written = session.write("existing", table, "run1");
        List<DataFileRef> refs = written.stream()
                .map(f -> new DataFileRef(f.path(), f.recordCount(), f.sizeBytes()))
                .toList();
        session.runStage("batch", "SELECT 3 AS id UNION ALL SELECT 42");

        assertThat(session.filesMatchingKeys(refs, table.layout().schema(), "batch", List.of("id")))
                .containsExactly(refs.get(0).path());
        List<WrittenFile> rewritten = session.rewriteWithout(refs, "batch", List.of("id"), table, "run2");

        assertThat(rewritten).extracting(WrittenFile::recordCount).containsExactly(9L);
        session.attachTable(
                new TableId("silver", "t"),
                table.layout().schema(),
                rewritten.stream()
                        .map(f -> new DataFileRef(f.path(), f.recordCount(), f.sizeBytes()))
                        .toList());
        assertThat(session.query("SELECT count(*) FROM silver.t WHERE id = 3", 1)
                        .rows())
                .containsExactly(List.of("0"));
    }

    @Test
    void positionDeletesHideTheirRowsFromReadsProbesAndRewrites() throws Exception {
        session.runStage(
                "existing", "SELECT i AS id, DATE '2024-03-01' AS order_date, 'old' AS note FROM range(10) t(i)");
        TableState table = table(Optional.empty());
        WrittenFile file = session.write("existing", table, "run1").get(0);
        // another writer (Spark through Hadoop) may record the file as a file: URI; its deletes then name that URI
        String location = "file:" + file.path();
        DataFileRef plain = new DataFileRef(file.path(), location, file.recordCount(), file.sizeBytes(), List.of());
        session.runStage("batch", "SELECT 3 AS id UNION ALL SELECT 7 UNION ALL SELECT 42");

        List<WrittenDeleteFile> deletes =
                session.deleteRowsMatchingKeys(List.of(plain), "batch", List.of("id"), table, "run2");

        assertThat(deletes).singleElement().satisfies(d -> {
            assertThat(d.dataFile()).isEqualTo(file.path());
            assertThat(d.recordCount()).isEqualTo(2);
            assertThat(d.path()).startsWith(table.dataDir().resolve("run2-").toString());
        });
        String deleteFile = deletes.get(0).path();
        assertThat(session.query("SELECT file_path, pos FROM read_parquet('" + deleteFile + "')", 10)
                        .rows())
                .containsExactly(List.of(location, "3"), List.of(location, "7"));
        DataFileRef withDeletes =
                new DataFileRef(file.path(), location, file.recordCount(), file.sizeBytes(), List.of(deleteFile));
        session.attachTable(new TableId("silver", "t"), table.layout().schema(), List.of(withDeletes));
        assertThat(session.query("SELECT count(*), count(*) FILTER (WHERE id IN (3, 7)) FROM silver.t", 1)
                        .rows())
                .containsExactly(List.of("8", "0"));
        assertThat(session.filesMatchingKeys(
                        List.of(withDeletes), table.layout().schema(), "batch", List.of("id")))
                .isEmpty();
        assertThat(session.deleteRowsMatchingKeys(List.of(withDeletes), "batch", List.of("id"), table, "run3"))
                .as("deleted rows are not deleted again")
                .isEmpty();
        assertThat(session.rewrite(List.of(withDeletes), table, "run4"))
                .extracting(WrittenFile::recordCount)
                .containsExactly(8L);
        session.runStage("later", "SELECT 5 AS id");
        assertThat(session.deleteRowsMatchingKeys(List.of(withDeletes), "later", List.of("id"), table, "run5"))
                .as("a data file's new delete file carries its earlier positions, to replace its earlier delete file")
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.recordCount()).isEqualTo(3);
                    assertThat(d.newPositions()).isEqualTo(1);
                    assertThat(session.query("SELECT pos FROM read_parquet('" + d.path() + "')", 10)
                                    .rows())
                            .containsExactly(List.of("3"), List.of("5"), List.of("7"));
                });
    }

    @Test
    void duplicateKeysAreCounted() {
        session.runStage("b", "SELECT * FROM (VALUES (1), (1), (2), (3), (3), (3)) t(id)");

        assertThat(session.duplicateKeyRows("b", List.of("id"))).isEqualTo(5);
    }

    @Test
    void failingStageSqlIsATransformError() {
        assertThatThrownBy(() -> session.runStage("bad", "SELECT nope FROM (SELECT 1 AS id)"))
                .isInstanceOfSatisfying(WeirException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TRANSFORM_FAILED);
                    assertThat(e.getMessage())
                            .startsWith("Cannot run stage 'bad': Binder Error: Referenced column \"nope\" not found");
                });
    }

    private TableState table(Optional<PartitionField> partition) {
        TableSchema schema = new TableSchema(List.of(
                new Column(1, "id", "long", false),
                new Column(2, "order_date", "date", false),
                new Column(3, "note", "string", false)));
        return new TableState(
                new TableId("silver", "t"),
                new TableLayout(schema, partition, List.of("id")),
                OptionalLong.empty(),
                dir.resolve("warehouse/silver/t/data"));
    }

    /** A CSV batch of text columns, as the file source hands it over after reading the header. */
    private static Batch.Files csv(Path file, String... columns) {
        return new Batch.Files(
                List.of(new SourceFile(file, file.getFileName().toString(), 0)),
                FileFormat.CSV,
                CsvOptions.DEFAULTS,
                java.util.Arrays.stream(columns)
                        .map(c -> new ColumnDecl(c, "VARCHAR"))
                        .toList());
    }
}
