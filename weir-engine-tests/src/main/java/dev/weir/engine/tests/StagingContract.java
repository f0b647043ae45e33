package dev.weir.engine.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.run.EngineContractLoads;
import dev.weir.core.spec.CsvOptions;
import dev.weir.core.spec.FileFormat;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.RelationInfo;
import dev.weir.core.spi.TableSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Each kind of batch is staged as relation {@code source}, whole or past a watermark. */
abstract class StagingContract extends ContractTopic {
    private static final String ORDERS_CSV = "order_id,amount,ordered_at,note\n"
            + "1,9.99,2024-03-01 08:00:00,a\n"
            + "2,10.50,2024-03-02 09:30:00,\"b, quoted\"\n"
            + "3,0.01,2024-03-03 10:00:00,\n";

    StagingContract(ContractProject project) {
        super(project, "staging");
    }

    @Test
    void csvWithDeclaredColumnsIsTypedByThemAndItsHeaderIsSkipped() {
        Batch.Files batch = csv(
                "staging/typed.csv",
                ORDERS_CSV,
                column("order_id", "BIGINT"),
                column("amount", "DECIMAL(10,2)"),
                column("ordered_at", "TIMESTAMP"),
                column("note", "VARCHAR"));

        RelationInfo source = session.stage(batch, Optional.empty());

        assertThat(source.name()).isEqualTo(EngineSession.SOURCE);
        assertThat(source.rowCount()).isEqualTo(3);
        assertThat(source.schema().names()).containsExactly("order_id", "amount", "ordered_at", "note");
        assertThat(types(source)).containsExactly("long", "decimal(10,2)", "timestamp", "string");
        assertThat(rows("SELECT order_id, amount, ordered_at, note FROM source ORDER BY order_id"))
                .containsExactly(
                        row("1", "9.99", "2024-03-01 08:00:00", "a"),
                        row("2", "10.50", "2024-03-02 09:30:00", "b, quoted"),
                        row("3", "0.01", "2024-03-03 10:00:00", null));
    }

    @Test
    void csvWithTextColumnsAsTheFileSourceDeclaresThemIsReadAsTextKeepingLeadingZeros() {
        Batch.Files batch = csv(
                "staging/text.csv",
                "zip,code,amount\n01234,007,1.50\n",
                column("zip", "VARCHAR"),
                column("code", "VARCHAR"),
                column("amount", "VARCHAR"));

        RelationInfo source = session.stage(batch, Optional.empty());

        assertThat(types(source)).containsOnly("string");
        assertThat(rows("SELECT zip, code, amount FROM source")).containsExactly(row("01234", "007", "1.50"));
    }

    /**
     * A CSV batch arrives with its columns (the file source reads them from the header rows). An
     * engine must not guess them: a guessed header can be a data row, and records then vanish.
     */
    @Test
    void aCsvBatchWithoutItsColumnsIsRefusedRatherThanGuessed() {
        Batch.Files batch = csv("staging/unnamed.csv", "id,name\n1,a\n2,b,extra\n");

        for (ThrowingCallable staging : List.<ThrowingCallable>of(
                () -> session.stage(batch, Optional.empty()),
                () -> lazily().stageLazily(batch),
                () -> malformedRecords().stageKeepingMalformed(batch, Optional.empty(), "malformed"))) {
            assertThatThrownBy(staging)
                    .isInstanceOfSatisfying(
                            WeirException.class,
                            e -> assertThat(e.getMessage())
                                    .isEqualTo(
                                            "Cannot read CSV files without their columns: data/staging/unnamed.csv"));
        }
    }

    @Test
    void csvWithoutAHeaderRowReadsEveryLineAsARecord() {
        Path file = project.write("staging/headerless.csv", "1,a\n2,b\n");
        Batch.Files batch = files(
                FileFormat.CSV,
                new CsvOptions(false, ",", "\"", "\"", "utf-8"),
                List.of(column("id", "BIGINT"), column("name", "VARCHAR")),
                file);

        assertThat(session.stage(batch, Optional.empty()).rowCount()).isEqualTo(2);
        assertThat(rows("SELECT id, name FROM source ORDER BY id")).containsExactly(row("1", "a"), row("2", "b"));
    }

    @Test
    void severalCsvFilesAreStagedAsOneRelation() {
        Path first = project.write("staging/many/1.csv", "id,name\n1,a\n");
        Path second = project.write("staging/many/2.csv", "id,name\n2,b\n3,c\n");

        RelationInfo source = session.stage(
                files(
                        FileFormat.CSV,
                        CsvOptions.DEFAULTS,
                        List.of(column("id", "BIGINT"), column("name", "VARCHAR")),
                        first,
                        second),
                Optional.empty());

        assertThat(source.rowCount()).isEqualTo(3);
    }

    @Test
    void jsonLinesAreStagedWithTheTypesOfTheirValues() {
        Path file = project.write(
                "staging/events.jsonl",
                "{\"id\": 1, \"name\": \"a\", \"score\": 2.5}\n{\"id\": 2, \"name\": null, \"score\": 3.0}\n");

        RelationInfo source =
                session.stage(files(FileFormat.JSONL, CsvOptions.DEFAULTS, List.of(), file), Optional.empty());

        assertThat(source.rowCount()).isEqualTo(2);
        assertThat(source.schema().column("id").orElseThrow().type()).isEqualTo("long");
        assertThat(source.schema().column("name").orElseThrow().type()).isEqualTo("string");
        assertThat(source.schema().column("score").orElseThrow().type()).isEqualTo("double");
        assertThat(rows("SELECT id, name FROM source ORDER BY id")).containsExactly(row("1", "a"), row("2", null));
    }

    @Test
    void jsonLinesWithDeclaredColumnsAreTypedByThemAndMissingKeysReadNull() {
        Path file = project.write(
                "staging/typed.jsonl", "{\"id\": 1, \"amount\": \"9.99\", \"day\": \"2024-03-01\"}\n{\"id\": 2}\n");

        RelationInfo source = session.stage(
                files(
                        FileFormat.JSONL,
                        CsvOptions.DEFAULTS,
                        List.of(column("id", "BIGINT"), column("amount", "DECIMAL(10,2)"), column("day", "DATE")),
                        file),
                Optional.empty());

        assertThat(types(source)).containsExactly("long", "decimal(10,2)", "date");
        assertThat(rows("SELECT id, amount, day FROM source ORDER BY id"))
                .containsExactly(row("1", "9.99", "2024-03-01"), row("2", null, null));
    }

    @Test
    void parquetFilesAreStagedWithTheirTypes() {
        List<Path> written = parquetFiles(
                "staging_parquet",
                "SELECT * FROM (VALUES (CAST(1 AS BIGINT), DATE '2024-01-02', 'a'),"
                        + " (CAST(2 AS BIGINT), DATE '2024-01-03', 'b')) AS t(id, day, name)");

        RelationInfo source = session.stage(
                files(FileFormat.PARQUET, CsvOptions.DEFAULTS, List.of(), written.toArray(Path[]::new)),
                Optional.empty());

        assertThat(source.schema().names()).containsExactly("id", "day", "name");
        assertThat(types(source)).containsExactly("long", "date", "string");
        assertThat(rows("SELECT id, day, name FROM source ORDER BY id"))
                .containsExactly(row("1", "2024-01-02", "a"), row("2", "2024-01-03", "b"));
    }

    @Test
    void aWeirTableIsStagedAsItsLiveRows() {
        TableId orders = weirTable("table_batch");
        attach(orders);

        RelationInfo source = session.stage(new Batch.Table(orders), Optional.empty());

        assertThat(source.rowCount()).isEqualTo(3);
        assertThat(types(source)).containsExactly("long", "timestamp");
        assertThat(rows("SELECT id FROM source ORDER BY id")).containsExactly(row("1"), row("2"), row("3"));
    }

    @Test
    void aWeirTableBatchPastAWatermarkKeepsTheNewerRows() {
        TableId orders = weirTable("table_batch_filtered");
        attach(orders);

        RelationInfo source =
                session.stage(new Batch.Table(orders), Optional.of(after("updated_at", "2024-01-02 00:00:00")));

        assertThat(rows("SELECT id FROM source ORDER BY id")).containsExactly(row("2"), row("3"));
        assertThat(source.rowCount()).isEqualTo(2);
    }

    /** A table of three rows with timestamps 2024-01-01 .. 2024-01-03 at noon. */
    private TableId weirTable(String name) {
        TableId table = table(name);
        load(
                append(table),
                "SELECT * FROM (VALUES (CAST(1 AS BIGINT), TIMESTAMP '2024-01-01 12:00:00'),"
                        + " (CAST(2 AS BIGINT), TIMESTAMP '2024-01-02 12:00:00'), (CAST(3 AS BIGINT), TIMESTAMP '2024-01-03 12:00:00')) AS t(id, updated_at)");
        return table;
    }

    @Test
    void rowsASourceWroteAreStagedWithTheirTypes() {
        List<Path> written = parquetFiles(
                "staging_rows",
                "SELECT * FROM (VALUES (CAST(1 AS INTEGER), 'Zoë', CAST('1.5000' AS DECIMAL(18,4))),"
                        + " (CAST(2 AS INTEGER), NULL, NULL)) AS t(id, name, amount)");

        RelationInfo source = session.stage(new Batch.Rows(written, "rows of the test source"), Optional.empty());

        assertThat(source.rowCount()).isEqualTo(2);
        assertThat(types(source)).containsExactly("int", "string", "decimal(18,4)");
        assertThat(rows("SELECT id, name, amount FROM source ORDER BY id"))
                .containsExactly(row("1", "Zoë", "1.5000"), row("2", null, null));
    }

    @Test
    void rowsASourceWrotePastAWatermarkKeepOnlyTheNewerOnes() {
        List<Path> written = parquetFiles(
                "staging_rows_filtered",
                "SELECT * FROM (VALUES (CAST(1 AS BIGINT), CAST(10 AS BIGINT)),"
                        + " (CAST(2 AS BIGINT), CAST(20 AS BIGINT)), (CAST(3 AS BIGINT), CAST(5 AS BIGINT))) AS t(id, seq)");

        RelationInfo source =
                session.stage(new Batch.Rows(written, "rows of the test source"), Optional.of(after("seq", "10")));

        assertThat(rows("SELECT id FROM source")).containsExactly(row("2"));
        assertThat(source.rowCount()).isEqualTo(1);
    }

    @Test
    void rowsASourceWroteInSeveralFilesAreStreamedIntoTableFilesWhenStagedLazily() {
        List<Path> written = new ArrayList<>(
                parquetFiles("staging_rows_1", "SELECT * FROM (VALUES (CAST(1 AS BIGINT), 'a')) AS t(id, name)"));
        written.addAll(parquetFiles(
                "staging_rows_2",
                "SELECT * FROM (VALUES (CAST(2 AS BIGINT), 'b'), (CAST(3 AS BIGINT), 'c')) AS t(id, name)"));

        TableSchema schema = lazily().stageLazily(new Batch.Rows(written, "rows of the test source"));
        TableId table = table("lazy_rows");
        EngineContractLoads.Result loaded = loadUnchanged(append(table), schema);

        assertThat(schema.names()).containsExactly("id", "name");
        assertThat(loaded.rowsWritten()).isEqualTo(3);
        assertThat(read(table, "id, name", "id")).containsExactly(row("1", "a"), row("2", "b"), row("3", "c"));
    }

    @Test
    void rowsThatCannotBeReadAreASourceErrorNamingTheBatch() {
        Path notParquet = project.write("staging/rows/broken.parquet", "this is not a parquet file");

        assertThatThrownBy(() ->
                        session.stage(new Batch.Rows(List.of(notParquet), "rows of source 'crm'"), Optional.empty()))
                .isInstanceOfSatisfying(WeirException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_FAILED);
                    assertThat(e.getMessage()).contains("rows of source 'crm'");
                });
    }

    @Test
    void aLazilyStagedBatchReportsItsColumnsAndIsStreamedIntoTableFiles() {
        Batch.Files batch = csv(
                "staging/lazy.csv",
                ORDERS_CSV,
                column("order_id", "BIGINT"),
                column("amount", "DECIMAL(10,2)"),
                column("ordered_at", "TIMESTAMP"),
                column("note", "VARCHAR"));

        TableSchema schema = lazily().stageLazily(batch);

        assertThat(schema.names()).containsExactly("order_id", "amount", "ordered_at", "note");
        assertThat(schema.columns())
                .extracting(Column::type)
                .containsExactly("long", "decimal(10,2)", "timestamp", "string");
        TableId lazy = table("lazy");
        EngineContractLoads.Result loaded = loadUnchanged(append(lazy), schema);
        assertThat(loaded.rowsWritten()).isEqualTo(3);
        assertThat(read(lazy, "order_id, note", "order_id"))
                .containsExactly(row("1", "a"), row("2", "b, quoted"), row("3", null));
    }

    @Test
    void restagingReplacesTheSourceRelation() {
        session.stage(csv("staging/first.csv", "id\n1\n2\n", column("id", "BIGINT")), Optional.empty());
        RelationInfo second = session.stage(
                csv("staging/second.csv", "id,name\n3,c\n", column("id", "BIGINT"), column("name", "VARCHAR")),
                Optional.empty());

        assertThat(second.schema().names()).containsExactly("id", "name");
        assertThat(rows("SELECT id FROM source")).containsExactly(row("3"));
    }
}
